package kit

import (
	"bytes"
	"errors"
	"image"
	_ "image/jpeg" // photos are .jpg or .png
	_ "image/png"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"golang.org/x/image/draw"

	"cunji/data"
)

// Photos of a record (a project's progress note, a contract's scans, an asset): thumbnails, the
// file dialog that adds one, and the dialog that shows one whole.

// PhotoExtensions are the files offered when adding a photo.
var PhotoExtensions = []string{".jpg", ".jpeg", ".png"}

// ThumbSize is the box a photo's preview fits in.
var ThumbSize = fyne.NewSize(120, 90)

// Thumbnail is b decoded and scaled down to fit twice ThumbSize (sharp on a HiDPI screen too);
// nil when b is no image.
func Thumbnail(b []byte) image.Image {
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	return scaleDown(img, 2*int(ThumbSize.Width), 2*int(ThumbSize.Height))
}

// scaleDown fits img into w×h, keeping its proportions; a smaller image is kept as it is.
func scaleDown(img image.Image, w, h int) image.Image {
	b := img.Bounds()
	if b.Dx() <= w && b.Dy() <= h {
		return img
	}
	k := min(float64(w)/float64(b.Dx()), float64(h)/float64(b.Dy()))
	dst := image.NewNRGBA(image.Rect(0, 0, max(1, int(float64(b.Dx())*k)), max(1, int(float64(b.Dy())*k))))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

// PhotoThumb is a photo's preview with its file name under it; a tap opens the full view.
type PhotoThumb struct {
	widget.BaseWidget
	Image *canvas.Image // nil Image: a picture icon stands in
	body  fyne.CanvasObject
	onTap func()
}

// NewPhotoThumb shows img (nil: a picture icon) captioned name.
func NewPhotoThumb(img image.Image, name string, onTap func()) *PhotoThumb {
	t := &PhotoThumb{onTap: onTap}
	var pic fyne.CanvasObject
	if img != nil {
		t.Image = canvas.NewImageFromImage(img)
		t.Image.FillMode = canvas.ImageFillContain
		t.Image.ScaleMode = canvas.ImageScaleSmooth
		t.Image.SetMinSize(ThumbSize)
		pic = t.Image
	} else {
		pic = container.NewGridWrap(ThumbSize, widget.NewIcon(theme.FileImageIcon()))
	}
	caption := widget.NewLabel(name)
	caption.Truncation = fyne.TextTruncateEllipsis
	caption.SizeName = theme.SizeNameCaptionText
	caption.Alignment = fyne.TextAlignCenter
	t.body = container.NewBorder(nil, caption, nil, nil, pic)
	t.ExtendBaseWidget(t)
	return t
}

func (t *PhotoThumb) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.body) }
func (t *PhotoThumb) Tapped(*fyne.PointEvent)             { t.onTap() }
func (t *PhotoThumb) Cursor() desktop.Cursor              { return desktop.PointerCursor }

// NewThumbGrid is a grid of PhotoThumbs, each with room for its caption.
func NewThumbGrid() *fyne.Container {
	return container.NewGridWrap(fyne.NewSize(ThumbSize.Width, ThumbSize.Height+theme.CaptionTextSize()+2*theme.InnerPadding()))
}

// PhotoMime is the type of a photo by its file name.
func PhotoMime(name string) string {
	if ext := strings.ToLower(filepath.Ext(name)); ext == ".jpg" || ext == ".jpeg" {
		return "image/jpeg"
	}
	return "image/png"
}

// ChoosePhoto opens the file dialog for a .jpg or .png and hands add its name and bytes (read up
// to one byte past data.MaxAttachmentSize, so the store refuses a larger file with its message);
// add's error is shown.
func (ds *Dialogs) ChoosePhoto(add func(name string, b []byte) error) {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ds.ShowStoreError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, data.MaxAttachmentSize+1))
		if err == nil {
			err = add(r.URI().Name(), b)
		}
		ds.ShowStoreError(err)
	}, ds.win)
	fd.SetFilter(storage.NewExtensionFileFilter(PhotoExtensions))
	fd.SetTitleText(lang.L("选择照片（.jpg 或 .png）"))
	fd.Resize(fyne.NewSize(760, 520))
	ds.ShowFile(fd)
}

// ShowPhoto shows the photo b named name, scaled to fit, with 关闭 and, when del is not nil,
// 删除照片, which closes the view and runs del (which asks first); never in a read-only window.
func (ds *Dialogs) ShowPhoto(name string, b []byte, del func()) {
	img := canvas.NewImageFromReader(bytes.NewReader(b), name)
	if img == nil {
		ds.ShowStoreError(errors.New(lang.L("这张照片无法显示（文件可能已损坏）。")))
		return
	}
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(640, 420))
	bottom := container.NewHBox(layout.NewSpacer())
	var d *dialog.CustomDialog
	if del != nil && !ds.ReadOnly {
		bottom.Add(widget.NewButtonWithIcon(lang.L("删除照片"), theme.DeleteIcon(), func() {
			d.Hide()
			del()
		}))
	}
	d = dialog.NewCustom(name, lang.L("关闭"), container.NewBorder(nil, bottom, nil, nil, img), ds.win)
	d.Resize(fyne.NewSize(820, 600))
	ds.Show(d, nil) // 关闭 and 删除照片: no cancel button, Esc leaves it
}

// Photo is one photo of a record as a PhotoGrid lists it.
type Photo struct {
	ID   int64
	Name string
}

// PhotoGrid is a record's photos as thumbnails (a tap shows one whole, with 删除照片) under a
// button that adds one. The screen says where they come from and go.
type PhotoGrid struct {
	// List reads the record's photos; Data one photo's bytes.
	List func() ([]Photo, error)
	Data func(id int64) ([]byte, error)
	// Add stores a chosen photo; Delete asks and deletes one (and offers undo).
	Add    func(name string, b []byte) error
	Delete func(p Photo)

	ds      *Dialogs
	grid    *fyne.Container
	empty   string
	message *widget.Label
	thumbs  map[int64]image.Image // decoded once
	content fyne.CanvasObject
}

// NewPhotoGrid lays the grid out under a button labelled add, with the remark empty while there
// are no photos.
func NewPhotoGrid(ds *Dialogs, add, empty string) *PhotoGrid {
	g := &PhotoGrid{ds: ds, grid: NewThumbGrid(), empty: empty, thumbs: map[int64]image.Image{}}
	g.message = widget.NewLabel(empty)
	g.message.Wrapping = fyne.TextWrapWord
	SecondaryText(g.message)
	btn := widget.NewButtonWithIcon(add, theme.ContentAddIcon(), func() { ds.ChoosePhoto(g.Add) })
	if ds.ReadOnly {
		btn.Hide()
	}
	g.content = container.NewVScroll(container.NewVBox(container.NewHBox(btn), g.message, g.grid))
	return g
}

// Content is the grid as a page lays it out.
func (g *PhotoGrid) Content() fyne.CanvasObject { return g.content }

// Reload reads the photos afresh.
func (g *PhotoGrid) Reload() {
	list, err := g.List()
	if err != nil {
		g.message.SetText(ErrorText(err))
		g.message.Show()
		return
	}
	g.grid.RemoveAll()
	for _, p := range list {
		img, ok := g.thumbs[p.ID]
		if !ok {
			if b, err := g.Data(p.ID); err == nil {
				img = Thumbnail(b)
			}
			g.thumbs[p.ID] = img
		}
		g.grid.Add(NewPhotoThumb(img, p.Name, func() { g.open(p) }))
	}
	g.message.SetText(g.empty)
	g.message.Hidden = len(list) > 0
	g.message.Refresh()
	g.grid.Refresh()
}

// Count is how many photos show.
func (g *PhotoGrid) Count() int { return len(g.grid.Objects) }

func (g *PhotoGrid) open(p Photo) {
	b, err := g.Data(p.ID)
	if err != nil {
		g.ds.ShowStoreError(err)
		return
	}
	g.ds.ShowPhoto(p.Name, b, func() { g.Delete(p) })
}
