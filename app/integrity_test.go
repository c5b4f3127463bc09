package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"cunji/app/kit/kittest"
	"cunji/data"
)

func TestSettingsIntegrityCheckSaysASoundFileIsSound(t *testing.T) {
	m, _ := newTestWindow(t)
	s := settingsOf(t, m)
	test.Tap(s.backup.checkBtn)
	if !strings.Contains(s.backup.status.Text, "数据完整性检查通过") || !strings.Contains(s.backup.status.Text, "没有发现损坏") {
		t.Fatalf("status %q", s.backup.status.Text)
	}
	if n := len(m.Env.Win.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("%d dialogs for a sound file", n)
	}
}

// A page deep in the file is damaged: the window still opens (open reads only the header and schema),
// and 检查数据完整性 says so at once, naming the backup to restore from.
func TestSettingsIntegrityCheckShowsDamageAndTheBackupToRestore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cunji.db")
	if err := data.Demo(path, data.DemoOptions{Sales: 3000, Years: 1}); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	backup, err := st.BackupNow()
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	mid := len(b) / 4096 / 2 * 4096
	for i := mid; i < mid+4096; i++ {
		b[i] = 0xA5
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}

	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	if err := SetupLanguage(LangChinese); err != nil {
		t.Fatal(err)
	}
	st, err = data.Open(path)
	if err != nil {
		t.Fatalf("a damaged page deep in the file stopped the window: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	m := NewMainWindow(a, st, "test", &kittest.Runner{})
	m.Env.Win.Show()
	t.Cleanup(m.Env.Win.Close)
	s := settingsOf(t, m)
	test.Tap(s.backup.checkBtn)
	if !strings.Contains(s.backup.status.Text, "数据库文件有损坏") {
		t.Fatalf("status %q", s.backup.status.Text)
	}
	top := m.Env.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog about the damage")
	}
	text := labelsText(top)
	for _, want := range []string{"数据完整性检查发现数据库文件有损坏", st.BackupDir(), "最近的备份：" + filepath.Base(backup)} {
		if !strings.Contains(text, want) {
			t.Errorf("dialog lacks %q:\n%s", want, text)
		}
	}
	findButton(t, top, "打开备份文件夹")
}
