package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"cunji/assets"
)

// cjkFont is the bundled WenQuanYi Micro Hei, so Chinese renders the same on every PC.
var cjkFont = fyne.NewStaticResource("wqy-microhei.ttf", assets.FontTTF)

// officeTheme is a light, calm theme with larger text for older eyes; every text style uses the bundled font.
type officeTheme struct{}

// NewTheme returns 村记's theme.
func NewTheme() fyne.Theme { return officeTheme{} }

var (
	colorPrimary    = color.NRGBA{R: 0x1F, G: 0x6F, B: 0x5C, A: 0xFF} // calm green-teal
	colorBackground = color.NRGBA{R: 0xF6, G: 0xF7, B: 0xF5, A: 0xFF}
	colorInput      = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
	colorHeader     = color.NRGBA{R: 0xE8, G: 0xEE, B: 0xEB, A: 0xFF}
	colorText       = color.NRGBA{R: 0x1E, G: 0x24, B: 0x22, A: 0xFF}
	colorError      = color.NRGBA{R: 0xC0, G: 0x39, B: 0x2B, A: 0xFF}
)

func (officeTheme) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch name {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink, theme.ColorNameFocus:
		if name == theme.ColorNameFocus {
			return color.NRGBA{R: 0x1F, G: 0x6F, B: 0x5C, A: 0x66}
		}
		return colorPrimary
	case theme.ColorNameBackground:
		return colorBackground
	case theme.ColorNameInputBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
		return colorInput
	case theme.ColorNameHeaderBackground:
		return colorHeader
	case theme.ColorNameForeground:
		return colorText
	case theme.ColorNameError:
		return colorError
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0x1F, G: 0x6F, B: 0x5C, A: 0x40}
	}
	return theme.DefaultTheme().Color(name, theme.VariantLight)
}

func (officeTheme) Font(fyne.TextStyle) fyne.Resource { return cjkFont }

func (officeTheme) Icon(name fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(name)
}

func (officeTheme) Size(name fyne.ThemeSizeName) float32 {
	switch name {
	case theme.SizeNameText:
		return 15
	case theme.SizeNameHeadingText:
		return 22
	case theme.SizeNameSubHeadingText:
		return 18
	case theme.SizeNameCaptionText:
		return 13
	}
	return theme.DefaultTheme().Size(name)
}
