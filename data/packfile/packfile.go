// Package packfile is the container of a village data package (docs/PACKAGE.md): a zip holding
// manifest.json and village.db, optionally encrypted as a whole with age (scrypt passphrase).
// It knows nothing of SQL: it writes a database file into a package and reads one back,
// checking that the file is whole and unchanged. No Fyne, no SQL.
package packfile

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"filippo.io/age"
)

// Format is the container's version; a reader refuses a package of a higher one.
const Format = 1

const (
	manifestName = "manifest.json"
	dataName     = "village.db"
	maxManifest  = 1 << 20
)

var ageMagic = []byte("age-encryption.org/")

// Manifest describes a package: whose rows, from which 村记, when, how many, and the data's hash.
type Manifest struct {
	Format      int              `json:"format"`
	App         string           `json:"app"`
	AppVersion  string           `json:"app_version"`
	Schema      int              `json:"schema"`
	VillageUUID string           `json:"village_uuid"`
	VillageName string           `json:"village_name"`
	Made        string           `json:"made"` // RFC3339 with nanoseconds, UTC: orders two packages of one village
	Counts      map[string]int64 `json:"counts"`
	Totals      map[string]int64 `json:"totals"` // money in fen
	DataSize    int64            `json:"data_size"`
	SHA256      string           `json:"sha256"` // of village.db
}

// Error is a refused package: Msg is the Chinese text a person reads.
type Error struct {
	Kind ErrorKind
	Msg  string
	Err  error
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// ErrorKind tells the refusals apart for tests and callers.
type ErrorKind int

const (
	ErrDamaged ErrorKind = iota + 1
	ErrNeedPassphrase
	ErrWrongPassphrase
	ErrTooNew
	ErrNotPackage
)

// Is lets errors.Is(err, &Error{Kind: k}) match by kind.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind
}

func damaged(err error) error {
	return &Error{Kind: ErrDamaged, Err: err,
		Msg: "数据包已损坏或不完整（可能没有传完，或在传送中被改动过），没有导入任何数据。请让村里重新导出一份数据包再试。"}
}

// ScryptWorkFactor is age's scrypt cost (log2 N) for new packages; tests lower it.
var ScryptWorkFactor = 18

// Write writes the package of dbPath, described by m (its DataSize and SHA256 are filled in
// here), to w: encrypted for passphrase when it is not "". It returns the manifest written.
func Write(w io.Writer, m Manifest, dbPath, passphrase string) (Manifest, error) {
	f, err := os.Open(dbPath)
	if err != nil {
		return m, err
	}
	defer f.Close()
	h := sha256.New()
	if m.DataSize, err = io.Copy(h, f); err != nil {
		return m, err
	}
	m.SHA256 = hex.EncodeToString(h.Sum(nil))
	m.Format = Format
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return m, err
	}
	out := w
	var enc io.WriteCloser
	if passphrase != "" {
		r, err := age.NewScryptRecipient(passphrase)
		if err != nil {
			return m, err
		}
		r.SetWorkFactor(ScryptWorkFactor)
		if enc, err = age.Encrypt(w, r); err != nil {
			return m, err
		}
		out = enc
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	zw := zip.NewWriter(bw)
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return m, err
	}
	mw, err := zw.Create(manifestName)
	if err != nil {
		return m, err
	}
	if _, err := mw.Write(mj); err != nil {
		return m, err
	}
	dw, err := zw.Create(dataName)
	if err != nil {
		return m, err
	}
	if _, err := io.Copy(dw, f); err != nil {
		return m, err
	}
	if err := zw.Close(); err != nil {
		return m, err
	}
	if err := bw.Flush(); err != nil {
		return m, err
	}
	if enc != nil {
		return m, enc.Close()
	}
	return m, nil
}

// Encrypted reports whether the package file at path is encrypted (needs a passphrase).
func Encrypted(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, len(ageMagic))
	n, _ := io.ReadFull(f, head)
	return bytes.Equal(head[:n], ageMagic), nil
}

// Read opens the package at path (decrypting it with passphrase when it is encrypted), checks
// it and writes its database to dst. maxSchema is the newest schema this 村记 reads. Every
// refusal is an *Error; dst is then removed.
func Read(path, passphrase, dst string, maxSchema int) (Manifest, error) {
	m, err := read(path, passphrase, dst, maxSchema)
	if err != nil {
		os.Remove(dst)
	}
	return m, err
}

func read(path, passphrase, dst string, maxSchema int) (Manifest, error) {
	var m Manifest
	encrypted, err := Encrypted(path)
	if err != nil {
		return m, err
	}
	zipPath := path
	if encrypted {
		if passphrase == "" {
			return m, &Error{Kind: ErrNeedPassphrase, Msg: "这个数据包设了密码，请输入导出时设的密码后再导入。"}
		}
		plain := dst + ".zip"
		defer os.Remove(plain)
		if err := decrypt(path, passphrase, plain); err != nil {
			return m, err
		}
		zipPath = plain
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		if encrypted {
			return m, damaged(err)
		}
		return m, &Error{Kind: ErrNotPackage, Err: err,
			Msg: "这个文件不是村记数据包（.cunji），或者已经损坏，没有导入任何数据。请确认选的是村里导出的数据包。"}
	}
	defer zr.Close()
	var mf, df *zip.File
	for _, f := range zr.File {
		switch {
		case f.Name == manifestName && mf == nil:
			mf = f
		case f.Name == dataName && df == nil:
			df = f
		default:
			return m, damaged(fmt.Errorf("unexpected entry %q", f.Name))
		}
	}
	if mf == nil || df == nil {
		return m, damaged(errors.New("manifest or data missing"))
	}
	mj, err := readAll(mf, maxManifest)
	if err != nil {
		return m, damaged(err)
	}
	if err := json.Unmarshal(mj, &m); err != nil {
		return m, damaged(err)
	}
	if m.Format > Format || m.Schema > maxSchema {
		return m, &Error{Kind: ErrTooNew, Msg: fmt.Sprintf(
			"数据包由更新版本的村记（%s，数据版本 %d）导出，这个村记（数据版本 %d）读不了，没有导入任何数据。请先把村记升级到最新版本。",
			m.AppVersion, m.Schema, maxSchema)}
	}
	if m.Format < 1 || m.Schema < 1 || m.VillageUUID == "" || m.DataSize < 0 || len(m.SHA256) != 64 {
		return m, damaged(errors.New("manifest incomplete"))
	}
	if int64(df.UncompressedSize64) != m.DataSize {
		return m, damaged(errors.New("data size differs from the manifest"))
	}
	if err := extract(df, dst, m); err != nil {
		return m, err
	}
	return m, nil
}

func decrypt(path, passphrase, plain string) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return err
	}
	r, err := age.Decrypt(bufio.NewReader(in), id)
	if err != nil {
		var nomatch *age.NoIdentityMatchError
		if errors.As(err, &nomatch) {
			return &Error{Kind: ErrWrongPassphrase, Err: err, Msg: "密码不对，数据包没有打开，没有导入任何数据。请核对导出时设的密码（区分大小写）后再试。"}
		}
		return damaged(err)
	}
	out, err := os.OpenFile(plain, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		return damaged(err)
	}
	return out.Close()
}

func readAll(f *zip.File, limit int64) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = errors.New("entry too large")
	}
	return b, err
}

// extract writes the data entry to dst, refusing it unless its size and SHA-256 are the manifest's.
func extract(df *zip.File, dst string, m Manifest) error {
	r, err := df.Open()
	if err != nil {
		return damaged(err)
	}
	defer r.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), io.LimitReader(r, m.DataSize+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return damaged(err)
	}
	if n != m.DataSize || hex.EncodeToString(h.Sum(nil)) != m.SHA256 {
		return damaged(errors.New("data differs from its SHA-256 in the manifest"))
	}
	return nil
}
