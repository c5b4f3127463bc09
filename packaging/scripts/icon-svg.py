#!/usr/bin/python3
"""Writes assets/icon.svg: a green rounded square, a white ledger and the character 村.

The glyph outline is taken from the bundled WenQuanYi Micro Hei (Apache-2.0) and stored as a
path, so the SVG renders the same everywhere without the font. Run once when the design changes:
    /usr/bin/python3 packaging/scripts/icon-svg.py > assets/icon.svg   (needs python3-fonttools)
"""
import sys
from fontTools.ttLib import TTFont
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.boundsPen import BoundsPen

FONT = "assets/fonts/wqy-microhei.ttf"
CHAR = "村"
font = TTFont(FONT)
gs = font.getGlyphSet()
name = font.getBestCmap()[ord(CHAR)]
pen = SVGPathPen(gs)
gs[name].draw(pen)
bp = BoundsPen(gs)
gs[name].draw(bp)
xmin, ymin, xmax, ymax = bp.bounds

# the page of the ledger the glyph sits on (in the 512 canvas)
page_x, page_y, page_w, page_h = 132, 100, 268, 312
box = 196                                   # glyph box edge in px
scale = box / max(xmax - xmin, ymax - ymin)
cx, cy = page_x + page_w / 2 + 6, page_y + page_h / 2 + 6
tx = cx - (xmin + xmax) / 2 * scale
ty = cy + (ymin + ymax) / 2 * scale
stroke = 5.5 / scale                        # embolden so the strokes survive at 32 px

sys.stdout.write(f'''<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <title>村记 Cunji</title>
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#43A866"/>
      <stop offset="1" stop-color="#237A45"/>
    </linearGradient>
  </defs>
  <rect x="16" y="16" width="480" height="480" rx="104" fill="url(#bg)"/>
  <!-- ledger: shadow, cover edge, page -->
  <rect x="{page_x - 22}" y="{page_y + 10}" width="{page_w + 22}" height="{page_h}" rx="26" fill="#1B5E35" opacity="0.45"/>
  <rect x="{page_x - 28}" y="{page_y}" width="{page_w + 28}" height="{page_h}" rx="26" fill="#FFFFFF"/>
  <!-- binding: a darker band on the left with three rings -->
  <rect x="{page_x - 28}" y="{page_y}" width="52" height="{page_h}" rx="26" fill="#D8EEDD"/>
  <rect x="{page_x - 2}" y="{page_y}" width="26" height="{page_h}" fill="#D8EEDD"/>
  <circle cx="{page_x - 2}" cy="{page_y + 70}" r="11" fill="#237A45"/>
  <circle cx="{page_x - 2}" cy="{page_y + page_h / 2}" r="11" fill="#237A45"/>
  <circle cx="{page_x - 2}" cy="{page_y + page_h - 70}" r="11" fill="#237A45"/>
  <!-- bookmark ribbon -->
  <path d="M{page_x + page_w - 78} {page_y} h40 v70 l-20 -16 l-20 16 z" fill="#F2B233"/>
  <!-- 村 from WenQuanYi Micro Hei -->
  <g transform="translate({tx:.2f} {ty:.2f}) scale({scale:.5f} {-scale:.5f})">
    <path d="{pen.getCommands()}" fill="#1F6B3C" stroke="#1F6B3C" stroke-width="{stroke:.1f}" stroke-linejoin="round"/>
  </g>
</svg>
''')
