package app

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"cunji/assets"
	"cunji/data"
)

func TestTranslationFilesHaveTheSameKeys(t *testing.T) {
	zh, err := translationKeys(LangChinese)
	if err != nil {
		t.Fatal(err)
	}
	en, err := translationKeys(LangEnglish)
	if err != nil {
		t.Fatal(err)
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for k := range en {
		if _, ok := zh[k]; !ok {
			t.Errorf("zh-CN.json lacks %q", k)
		}
	}
}

// Every literal passed to lang.L or lang.X in app/ and app/kit must be translated in both languages,
// or users see a key, and Fyne logs a translation failure.
func TestEveryLookedUpKeyIsTranslated(t *testing.T) {
	zh, _ := translationKeys(LangChinese)
	en, _ := translationKeys(LangEnglish)
	re := regexp.MustCompile(`lang\.(?:L|X)\("((?:[^"\\]|\\.)*)"`)
	files, _ := filepath.Glob("*.go")
	kitFiles, _ := filepath.Glob("kit/*.go")
	for _, name := range append(files, kitFiles...) {
		b, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if _, ok := zh[m[1]]; !ok {
				t.Errorf("%s: %q missing from zh-CN", name, m[1])
			}
			if _, ok := en[m[1]]; !ok {
				t.Errorf("%s: %q missing from en", name, m[1])
			}
		}
	}
}

// Titles kept in tables and looked up later through a variable (lang.L(c.Title), lang.L(def.title),
// lang.L(c.label)) escape the literal scan above: every string given to a field named Title, title,
// label or Label in a composite literal must be translated too, and so must the first string of an
// unkeyed table row whose struct's first field is such a title (the screens in app.go).
func TestEveryTitleInATableIsTranslated(t *testing.T) {
	zh, _ := translationKeys(LangChinese)
	en, _ := translationKeys(LangEnglish)
	titleField := map[string]bool{"Title": true, "title": true, "label": true, "Label": true}
	fset := token.NewFileSet()
	files, _ := filepath.Glob("*.go")
	kitFiles, _ := filepath.Glob("kit/*.go")
	files = append(files, kitFiles...)
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Struct types whose first field is a title: their unkeyed literals start with one.
		titleFirst := map[string]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			if ts, ok := n.(*ast.TypeSpec); ok {
				if st, ok := ts.Type.(*ast.StructType); ok && len(st.Fields.List) > 0 {
					for _, id := range st.Fields.List[0].Names[:min(1, len(st.Fields.List[0].Names))] {
						titleFirst[ts.Name.Name] = titleField[id.Name]
					}
				}
			}
			return true
		})
		check := func(e ast.Expr) {
			lit, ok := e.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || s == "" {
				return
			}
			checked++
			if _, ok := zh[s]; !ok {
				t.Errorf("%s: title %q missing from zh-CN", fset.Position(lit.Pos()), s)
			}
			if _, ok := en[s]; !ok {
				t.Errorf("%s: title %q missing from en", fset.Position(lit.Pos()), s)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			cl, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			for _, el := range cl.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && titleField[k.Name] {
						check(kv.Value)
					}
				}
			}
			// []screenDef{{"首页", …}, …}: rows of a slice of a title-first struct.
			if at, ok := cl.Type.(*ast.ArrayType); ok {
				if id, ok := at.Elt.(*ast.Ident); ok && titleFirst[id.Name] {
					for _, el := range cl.Elts {
						if row, ok := el.(*ast.CompositeLit); ok && len(row.Elts) > 0 {
							if _, keyed := row.Elts[0].(*ast.KeyValueExpr); !keyed {
								check(row.Elts[0])
							}
						}
					}
				}
			}
			return true
		})
	}
	if checked < 40 {
		t.Fatalf("only %d titles found: the scan no longer sees the column tables", checked)
	}
}

// The data layer's names (types, stages, categories, channels …) are shown through lang.L of a
// variable; each must be translated.
func TestDataNamesAreTranslated(t *testing.T) {
	zh, _ := translationKeys(LangChinese)
	en, _ := translationKeys(LangEnglish)
	lists := [][]string{data.ProjectTypes, data.Stages, {data.StageNone}, data.FundingSources, data.AssetKinds,
		data.IncomeCategories, data.ExpenseCategories, data.Channels, data.SellerKinds, data.PovertyStatuses,
		data.PartnerKinds, data.DecisionKinds, data.DecisionSources, data.DecisionSteps, data.Presences, data.AwayReasons,
		data.TaskPosters, data.TargetKinds, data.TaskStatusesShown, linkKinds}
	for _, d := range data.Directions {
		lists = append(lists, []string{data.DirectionName(d)})
	}
	for _, m := range data.TargetMeasures {
		lists = append(lists, []string{data.MeasureName(m)})
	}
	for _, list := range lists {
		for _, s := range list {
			if _, ok := zh[s]; !ok {
				t.Errorf("%q missing from zh-CN", s)
			}
			if _, ok := en[s]; !ok {
				t.Errorf("%q missing from en", s)
			}
		}
	}
}

// A key in two areas' files must say the same in both: the files are merged into one map, so the
// second would silently replace the first on the other area's screen ("事项" is a decision's
// Matter and was shown as a Task).
func TestAKeyTranslatesTheSameInEveryFile(t *testing.T) {
	entries, err := assets.Translations.ReadDir("translations")
	noErr(t, err)
	for _, code := range []string{LangChinese, LangEnglish} {
		first := map[string]string{} // key → the file that gave it
		values := map[string]string{}
		for _, e := range entries {
			name := e.Name()
			if name != code+".json" && !strings.HasSuffix(name, "."+code+".json") {
				continue
			}
			b, err := assets.Translations.ReadFile("translations/" + name)
			noErr(t, err)
			var m map[string]string
			noErr(t, json.Unmarshal(b, &m))
			for k, v := range m {
				if prev, ok := values[k]; ok && prev != v {
					t.Errorf("%q is %q in %s but %q in %s", k, prev, first[k], v, name)
					continue
				}
				first[k], values[k] = name, v
			}
		}
	}
}
