package app

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"golang.org/x/image/font/sfnt"

	"cunji/assets"
)

const mustHaveGlyphs = "帮扶项目助农大集集体收入¥0123456789村记第一书记工作台账经营投资补助公开表壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整"

func TestBundledFontHasGlyphsForChineseAndDigits(t *testing.T) {
	f, err := sfnt.Parse(assets.FontTTF)
	if err != nil {
		t.Fatalf("bundled font is not a single TrueType face: %v", err)
	}
	var buf sfnt.Buffer
	for _, r := range mustHaveGlyphs {
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			t.Errorf("no glyph for %q", r)
		}
	}
	if f.NumGlyphs() < 20000 {
		t.Fatalf("only %d glyphs: not the CJK font", f.NumGlyphs())
	}
}

func TestThemeUsesBundledFontForEveryStyle(t *testing.T) {
	th := NewTheme()
	for _, st := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Monospace: true}, {Symbol: true}} {
		if th.Font(st) != cjkFont {
			t.Errorf("style %+v uses another font", st)
		}
	}
}

// renderText draws s with the theme's font on the test canvas and returns the pixels.
func renderText(t *testing.T, s string) image.Image {
	t.Helper()
	txt := canvas.NewText(s, colorText)
	txt.TextSize = 24
	w := test.NewWindow(txt)
	defer w.Close()
	w.Resize(fyne.NewSize(80, 40))
	return w.Canvas().Capture()
}

// Tofu draws every missing character as the same box; real glyphs differ from each other and are not blank.
func TestChineseRendersAsDistinctGlyphsNotTofu(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	seen := map[string]string{}
	for _, r := range "帮扶项目村记收入" {
		img := renderText(t, string(r))
		var buf bytes.Buffer
		png.Encode(&buf, img)
		inked := 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if c, _, _, _ := img.At(x, y).RGBA(); c < 0x8000 {
					inked++
				}
			}
		}
		if inked < 20 {
			t.Errorf("%q drew almost nothing (%d dark pixels)", r, inked)
		}
		if other, dup := seen[buf.String()]; dup {
			t.Errorf("%q renders exactly like %q: tofu", r, other)
		}
		seen[buf.String()] = string(r)
	}
}
