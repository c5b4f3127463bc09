// Package assets embeds what the app ships inside its binary: the CJK font, translations and icon.
package assets

import "embed"

// FontTTF is WenQuanYi Micro Hei (first face of Debian's wqy-microhei.ttc), Apache-2.0; see docs/FONT.md.
//
//go:embed fonts/wqy-microhei.ttf
var FontTTF []byte

// Translations holds zh-CN.json and en.json.
//
//go:embed translations/*.json
var Translations embed.FS
