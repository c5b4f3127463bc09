package importfile

import (
	"bytes"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner reads the tags and text of a large XML stream (a worksheet, the shared strings)
// without building a tree or allocating per tag: encoding/xml takes as long as LibreOffice needs
// to open a 200,000-row sheet. Slices it returns are valid until the next call.
type xmlScanner struct {
	r    io.Reader
	buf  []byte
	pos  int   // next unread byte in buf
	end  int   // bytes of buf holding data
	eof  bool  // r is drained
	err  error // the reader's error other than io.EOF
	read int64 // bytes taken from r so far (progress)
}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 256<<10)}
}

// fill keeps buf[from:end], moves it to the front and reads more; false when nothing more came.
func (x *xmlScanner) fill(from int) bool {
	if x.eof {
		return false
	}
	n := copy(x.buf, x.buf[from:x.end])
	x.pos -= from
	x.end = n
	if x.end == len(x.buf) { // one token larger than the buffer: grow
		nb := make([]byte, 2*len(x.buf))
		copy(nb, x.buf[:x.end])
		x.buf = nb
	}
	for {
		m, err := x.r.Read(x.buf[x.end:])
		x.end += m
		x.read += int64(m)
		if err != nil {
			x.eof = true
			if err != io.EOF {
				x.err = err
			}
			return m > 0
		}
		if m > 0 {
			return true
		}
	}
}

// xmlTag is one tag: its local name (prefix dropped) and the raw attribute text.
type xmlTag struct {
	name      []byte
	attrs     []byte
	closing   bool // </name>
	selfClose bool // <name/>
}

// next skips to the next element tag; false at the end of the stream.
func (x *xmlScanner) next() (xmlTag, bool) {
	for {
		i := bytes.IndexByte(x.buf[x.pos:x.end], '<')
		if i < 0 {
			x.pos = x.end
			if !x.fill(x.pos) {
				return xmlTag{}, false
			}
			continue
		}
		x.pos += i
		j := x.tagEnd()
		for j < 0 {
			if !x.fill(x.pos) {
				return xmlTag{}, false
			}
			j = x.tagEnd()
		}
		raw := x.buf[x.pos+1 : x.pos+j]
		x.pos += j + 1
		if len(raw) == 0 {
			continue
		}
		switch raw[0] {
		case '?':
			continue
		case '!':
			if bytes.HasPrefix(raw, []byte("!--")) && !bytes.HasSuffix(raw, []byte("--")) {
				x.skipPast([]byte("-->"))
			}
			continue
		}
		var t xmlTag
		if raw[0] == '/' {
			t.closing = true
			raw = raw[1:]
		}
		if n := len(raw); n > 0 && raw[n-1] == '/' {
			t.selfClose = true
			raw = raw[:n-1]
		}
		k := bytes.IndexAny(raw, " \t\r\n")
		if k < 0 {
			k = len(raw)
		}
		t.name, t.attrs = raw[:k], raw[k:]
		if c := bytes.IndexByte(t.name, ':'); c >= 0 {
			t.name = t.name[c+1:]
		}
		return t, true
	}
}

// tagEnd finds the '>' closing the tag at pos (quotes may hold '>'); -1 when not in the buffer yet.
func (x *xmlScanner) tagEnd() int {
	var quote byte
	b := x.buf[x.pos:x.end]
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if i > 1 && b[1] == '!' { // comments and doctypes may hold lone quotes
				continue
			}
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

func (x *xmlScanner) skipPast(marker []byte) {
	for {
		if i := bytes.Index(x.buf[x.pos:x.end], marker); i >= 0 {
			x.pos += i + len(marker)
			return
		}
		keep := max(x.end-len(marker), x.pos)
		x.pos = keep
		if !x.fill(keep) {
			x.pos = x.end
			return
		}
	}
}

// text reads the character data from pos to the next tag, unescaped, and appends it to dst.
func (x *xmlScanner) text(dst []byte) []byte {
	for {
		i := bytes.IndexByte(x.buf[x.pos:x.end], '<')
		if i < 0 {
			dst = unescapeXML(dst, x.buf[x.pos:x.end])
			x.pos = x.end
			if !x.fill(x.pos) {
				return dst
			}
			continue
		}
		dst = unescapeXML(dst, x.buf[x.pos:x.pos+i])
		x.pos += i
		if !bytes.HasPrefix(x.buf[x.pos:x.end], []byte("<![CDATA[")) {
			if x.end-x.pos >= 9 || x.eof {
				return dst
			}
			if !x.fill(x.pos) {
				return dst
			}
			continue
		}
		x.pos += 9
		for {
			if j := bytes.Index(x.buf[x.pos:x.end], []byte("]]>")); j >= 0 {
				dst = append(dst, x.buf[x.pos:x.pos+j]...)
				x.pos += j + 3
				break
			}
			keep := max(x.end-2, x.pos)
			dst = append(dst, x.buf[x.pos:keep]...)
			x.pos = keep
			if !x.fill(keep) {
				return dst
			}
		}
	}
}

// simpleValue reads a cell's content when it is just <v>…</v></c> (most cells), appending the
// value to dst; false leaves the scanner where it was for the general path.
func (x *xmlScanner) simpleValue(dst []byte) ([]byte, bool) {
	b := x.buf[x.pos:x.end]
	if !bytes.HasPrefix(b, []byte("<v>")) {
		return dst, false
	}
	end := bytes.IndexByte(b[3:], '<')
	if end < 0 || !bytes.HasPrefix(b[3+end:], []byte("</v></c>")) {
		return dst, false
	}
	dst = unescapeXML(dst, b[3:3+end])
	x.pos += 3 + end + len("</v></c>")
	return dst, true
}

// attr returns the value of the attribute with this local name in a tag's attribute text.
func attr(attrs []byte, name string) ([]byte, bool) {
	var found []byte
	ok := false
	eachAttr(attrs, func(key, value []byte) bool {
		if string(key) == name {
			found, ok = value, true
			return false
		}
		return true
	})
	return found, ok
}

// eachAttr calls fn with each attribute's local name and raw value until fn returns false.
func eachAttr(attrs []byte, fn func(key, value []byte) bool) {
	for len(attrs) > 0 {
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return
		}
		key := trimSpace(attrs[:eq])
		if c := bytes.IndexByte(key, ':'); c >= 0 && !bytes.HasPrefix(key, []byte("xml:")) {
			key = key[c+1:]
		}
		rest := trimSpace(attrs[eq+1:])
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 || !fn(key, rest[1:1+end]) {
			return
		}
		attrs = rest[2+end:]
	}
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r' || b[len(b)-1] == '\n') {
		b = b[:len(b)-1]
	}
	return b
}

// unescapeXML appends s with XML entities and OOXML's _xHHHH_ escapes decoded.
func unescapeXML(dst, s []byte) []byte {
	if bytes.IndexByte(s, '&') < 0 && bytes.Index(s, []byte("_x")) < 0 {
		return append(dst, s...)
	}
	for len(s) > 0 {
		i := bytes.IndexAny(s, "&_")
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		if s[0] == '_' {
			// _x000D_ and friends: characters XML cannot hold, escaped by Excel.
			if len(s) >= 7 && s[1] == 'x' && s[6] == '_' {
				if v, err := strconv.ParseUint(string(s[2:6]), 16, 32); err == nil {
					dst = utf8.AppendRune(dst, rune(v))
					s = s[7:]
					continue
				}
			}
			dst = append(dst, '_')
			s = s[1:]
			continue
		}
		semi := bytes.IndexByte(s, ';')
		if semi < 0 || semi > 12 {
			dst = append(dst, '&')
			s = s[1:]
			continue
		}
		ent := string(s[1:semi])
		switch ent {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			var v uint64
			var err error = strconv.ErrSyntax
			if len(ent) > 1 && ent[0] == '#' {
				if ent[1] == 'x' || ent[1] == 'X' {
					v, err = strconv.ParseUint(ent[2:], 16, 32)
				} else {
					v, err = strconv.ParseUint(ent[1:], 10, 32)
				}
			}
			if err != nil {
				dst = append(dst, s[:semi+1]...)
			} else {
				dst = utf8.AppendRune(dst, rune(v))
			}
		}
		s = s[semi+1:]
	}
	return dst
}
