package data

import (
	"testing"
	"unicode/utf8"
)

func TestPinyinInitials(t *testing.T) {
	tests := map[string]string{
		// produce, including level-2 characters (莓 薹 豇 枸杞 …)
		"大蒜": "ds", "苹果": "pg", "小米": "xm", "花生": "hs", "辣椒": "lj", "草莓": "cm",
		"鸡蛋": "jd", "合作社": "hzs", "猕猴桃": "mht", "枇杷": "pp", "柚子": "yz", "橘子": "jz",
		"枸杞": "gq", "芡实": "qs", "莴笋": "ws", "苋菜": "xc", "茴香": "hx", "芫荽": "ys",
		"蕨菜": "jc", "豇豆": "jd", "莜面": "ym", "荞麦": "qm", "藜麦": "lm", "桑葚": "ss",
		"橄榄油": "gly", "榛子": "zz", "鹌鹑蛋": "acd", "粽子": "zz", "糍粑": "cb", "山楂": "sz",
		"蒜薹": "st", "茼蒿": "th", "泥鳅": "nq", "黄鳝": "hs", "西红柿": "xhs", "土豆": "td",
		"地瓜": "dg", "玉米": "ym", "花椒": "hj", "木耳": "me", "香菇": "xg", "蜂蜜": "fm",
		"金银花": "jyh", "阿胶": "aj", "小麦粉": "xmf", "荠菜": "jc", "芹菜": "qc", "韭菜": "jc",
		"大葱": "dc", "生姜": "sj", "核桃": "ht", "板栗": "bl", "樱桃": "yt", "葡萄": "pt",
		"萝卜": "lb", "白菜": "bc", "黄瓜": "hg", "茄子": "qz", "红薯": "hs", "芝麻": "zm",
		"绿豆": "ld", "高粱": "gl", "蓝莓": "lm", "馒头": "mt", "煎饼": "jb", "杂粮": "zl",
		// village words
		"村委会": "cwh", "党支部": "dzb", "集体经济": "jtjj", "助农大集": "zndj", "共富超市": "gfcs",
		"帮扶项目": "bfxm", "脱贫户": "tph", "监测户": "jch", "第一书记": "dysj", "大棚": "dp",
		"冷库": "lk", "光伏": "gf", "民宿": "ms", "乡村振兴": "xczx", "土地流转": "tdlz",
		"经营收入": "jysr", "投资收益": "tzsy", "补助收入": "bzsr", "村集体": "cjt", "消费帮扶": "xfbf",
		// people
		"张三": "zs", "欧阳小明": "oyxm", "闫晓燕": "yxy", "覃海": "qh", "曾国": "zg", "王淼": "wm",
		"李鑫": "lx", "刘昊": "lh", "陈琪": "cq", "郭瑾": "gj", "赵梓涵": "zzh",
		// mixed / Latin / digits / junk
		"5号大棚":    "5hdp",
		"A区冷库":    "aqlk",
		"ABC":     "abc",
		"ｐｌ２":     "pl2",
		"苹果（红富士）": "pghfs",
		"大蒜 2025": "ds2025",
		"":        "",
		"!@#，。":   "",
		"〇":       "",
		"😀大蒜":     "ds",
		"\xff大蒜":  "ds",
		"Ab-Cd_9": "abcd9",
		// GBK extension characters: from the table, or dropped — never
		// guessed from the level-1 ranges they numerically fall into
		"祎": "y", "翀": "c", "堃": "k", "喆": "z", "丟": "", "乸": "",
	}
	for in, want := range tests {
		if got := PinyinInitials(in); got != want {
			t.Errorf("PinyinInitials(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPinyinSurnames(t *testing.T) {
	surnames := "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤" +
		"邬濮阚郄蒯褚芮靳邝邰郦亓訾佘宓郜闵冼眭逄缪郗仝谌邸钭隗瞿"
	want := "wlzlcyhzwzxsmzhghgllzlxstxhfdcpzxtdypyjcydycswldrsyljcztlwfjsljxwffbzmxqqjyxydlhlstlhgmhgswqyqwdmkxt" +
		"wpkqkcrjkt" + "lqzsmgmxspmxtcdtwq"
	if utf8.RuneCountInString(surnames) != len(want) {
		t.Fatalf("test table: %d surnames, %d initials", utf8.RuneCountInString(surnames), len(want))
	}
	i := 0
	for _, r := range surnames {
		if got := PinyinInitials(string(r)); got != want[i:i+1] {
			t.Errorf("PinyinInitials(%q) = %q, want %q", r, got, want[i:i+1])
		}
		i++
	}
}

func TestPinyinExtraTable(t *testing.T) {
	for r, c := range pinyinExtra {
		if c < 'a' || c > 'z' || c == 'i' || c == 'u' || c == 'v' {
			t.Errorf("pinyinExtra[%q] = %q", r, c)
		}
	}
	// Each character appears under one initial only, and is a Chinese
	// character the level-1 ranges do not already give the same answer for
	// (an entry that merely repeats level 1 is harmless but a typo risk).
	seen := map[rune]byte{}
	for _, g := range pinyinExtraGroups {
		for _, r := range g.chars {
			if prev, dup := seen[r]; dup {
				t.Errorf("%q listed under %q and %q", r, prev, g.ch)
			}
			seen[r] = g.ch
		}
	}
	if len(pinyinExtra) < 1000 {
		t.Errorf("pinyinExtra has only %d entries", len(pinyinExtra))
	}
}

func TestMatchesQuery(t *testing.T) {
	tests := []struct {
		name, query string
		want        bool
	}{
		{"大蒜", "", true},
		{"大蒜", "  ", true},
		{"大蒜", "ds", true},
		{"大蒜", "DS", true},
		{"大蒜", "ｄｓ", true},
		{"大蒜", "d", true},
		{"大蒜", "s", true},
		{"大蒜", "蒜", true},
		{"大蒜", " 大 ", true},
		{"大蒜", "dx", false},
		{"大蒜", "苹", false},
		{"合作社", "hz", true},
		{"合作社", "zs", true},
		{"合作社", "hzs", true},
		{"合作社", "hzsx", false},
		{"红富士苹果", "pg", true},
		{"红富士苹果", "苹果", true},
		{"Apple 苹果", "app", true},
		{"Apple 苹果", "APPLE", true},
		{"Apple 苹果", "applepg", true},
		{"张小明", "zxm", true},
		{"张小明", "xm", true},
		{"张小明", "zm", false},
	}
	for _, tt := range tests {
		if got := MatchesQuery(tt.name, tt.query); got != tt.want {
			t.Errorf("MatchesQuery(%q, %q) = %v, want %v", tt.name, tt.query, got, tt.want)
		}
	}
}

func BenchmarkPinyinInitials(b *testing.B) {
	for b.Loop() {
		PinyinInitials("红富士苹果（烟台）5斤装")
	}
}
