package packfile

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func init() { ScryptWorkFactor = 10 }

// writePackage writes a package of content to a file and returns its bytes.
func writePackage(t testing.TB, content []byte, pass string, m Manifest) []byte {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	if err := os.WriteFile(db, content, 0o600); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Write(&buf, m, db, pass); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func manifest() Manifest {
	return Manifest{App: "村记", AppVersion: "1.0", Schema: 9, VillageUUID: "v-1", VillageName: "东泉村",
		Made: "2025-11-30T10:00:00Z", Counts: map[string]int64{"sale_lines": 3}}
}

func readBytes(t testing.TB, b []byte, pass string) ([]byte, Manifest, error) {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "in.cunji")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "out.db")
	m, err := Read(p, pass, dst, 9)
	if err != nil {
		if _, serr := os.Stat(dst); serr == nil {
			t.Errorf("a refused package left %s behind", dst)
		}
		return nil, m, err
	}
	got, rerr := os.ReadFile(dst)
	if rerr != nil {
		t.Fatal(rerr)
	}
	return got, m, nil
}

func isKind(err error, k ErrorKind) bool { return errors.Is(err, &Error{Kind: k}) }

func TestRoundTripPlainAndEncrypted(t *testing.T) {
	content := bytes.Repeat([]byte("村记 data "), 5000)
	for _, pass := range []string{"", "密码 one"} {
		got, m, err := readBytes(t, writePackage(t, content, pass, manifest()), pass)
		if err != nil || !bytes.Equal(got, content) || m.VillageName != "东泉村" || m.DataSize != int64(len(content)) {
			t.Fatalf("pass %q: %v, %d bytes, %+v", pass, err, len(got), m)
		}
	}
}

// rezip rebuilds a plain package with the manifest changed by edit and the data as given.
func rezip(t *testing.T, m Manifest, data []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	mj, _ := json.Marshal(m)
	w, _ := zw.Create(manifestName)
	w.Write(mj)
	w, _ = zw.Create(dataName)
	w.Write(data)
	zw.Close()
	return buf.Bytes()
}

func TestRefusals(t *testing.T) {
	content := []byte("the village's rows")
	m := manifest()
	m.DataSize = int64(len(content))
	sum := sha256.Sum256(content)
	m.SHA256 = string(hexOf(sum[:]))
	m.Format = Format
	if _, _, err := readBytes(t, rezip(t, m, content), ""); err != nil {
		t.Fatalf("a hand-made good package: %v", err)
	}
	tampered := append([]byte(nil), content...)
	tampered[0] = 'T'
	newer := m
	newer.Schema = 10
	newFormat := m
	newFormat.Format = Format + 1
	enc := writePackage(t, content, "right", manifest())
	for name, c := range map[string]struct {
		b    []byte
		pass string
		kind ErrorKind
	}{
		"data changed, manifest kept": {rezip(t, m, tampered), "", ErrDamaged},
		"newer schema":                {rezip(t, newer, content), "", ErrTooNew},
		"newer format":                {rezip(t, newFormat, content), "", ErrTooNew},
		"no passphrase":               {enc, "", ErrNeedPassphrase},
		"wrong passphrase":            {enc, "wrong", ErrWrongPassphrase},
		"empty file":                  {nil, "", ErrNotPackage},
	} {
		if _, _, err := readBytes(t, c.b, c.pass); !isKind(err, c.kind) {
			t.Errorf("%s: %v, want kind %d", name, err, c.kind)
		}
	}
}

func hexOf(b []byte) []byte {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, x := range b {
		out = append(out, digits[x>>4], digits[x&15])
	}
	return out
}

// FuzzRead: whatever the bytes, Read never panics; it refuses them with an *Error, or what it
// hands out is exactly the data its manifest's SHA-256 names.
func FuzzRead(f *testing.F) {
	content := bytes.Repeat([]byte{1, 2, 3, 4}, 300)
	good := writePackage(f, content, "", manifest())
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(writePackage(f, content, "p", manifest()))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, m, err := readBytes(t, b, "")
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.Msg == "" {
				t.Fatalf("a refusal without a message: %v", err)
			}
			return
		}
		sum := sha256.Sum256(got)
		if string(hexOf(sum[:])) != m.SHA256 {
			t.Fatal("data handed out that is not what the manifest names")
		}
	})
}
