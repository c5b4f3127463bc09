package app

import (
	"context"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/lang"

	"cunji/app/kit"
	"cunji/data/report"
)

// printDir is where a decision's 登记表 is written before the system viewer opens it for printing.
func printDir() string { return filepath.Join(os.TempDir(), "cunji") }

// print writes the saved decision's 登记表 (A4 PDF) in the background and opens it in the system
// viewer, as the 村务公开表 is opened; where it went is said in the notice.
func (s *stepsSection) print() {
	p := s.p
	if p.d.ID == 0 {
		p.v.env.Dialogs.ShowInformation(lang.L("打印登记表"), lang.L("请先保存决策事项，再打印登记表。"))
		return
	}
	env, d, notice := p.v.env, p.d, p.v.reg.Notice
	path := filepath.Join(p.v.printDir, report.DecisionSheetFileName(&d))
	notice.Show(lang.L("正在生成登记表…"), false)
	env.Run.Go(func() {
		err := os.MkdirAll(p.v.printDir, 0o755)
		if err == nil {
			err = report.WriteFile(context.Background(), path, true, func(w io.Writer) error { return report.DecisionSheet(env.Store, d.ID, w) })
		}
		env.Run.Do(func() {
			if err != nil {
				notice.Show(lang.L("登记表没有生成：")+kit.ErrorText(err), false)
				return
			}
			s.printed = path
			notice.Show(lang.L("已生成登记表：{{.Path}}", map[string]any{"Path": path}), false)
			if err := env.App.OpenURL(fileURL(path)); err != nil {
				notice.Show(lang.L("已生成登记表：{{.Path}}（无法自动打开，请在文件夹中双击打开后打印）", map[string]any{"Path": path}), false)
			}
		})
	})
}
