package data

import (
	"strings"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// GB2312 level-1 characters (0xB0A1–0xD7F9) are ordered by pinyin, so the
// code at which each initial starts is enough to find a character's
// initial. Letters i, u and v never start a syllable.
var gbInitials = []struct {
	code uint16
	ch   byte
}{
	{0xB0A1, 'a'}, {0xB0C5, 'b'}, {0xB2C1, 'c'}, {0xB4EE, 'd'}, {0xB6EA, 'e'},
	{0xB7A2, 'f'}, {0xB8C1, 'g'}, {0xB9FE, 'h'}, {0xBBF7, 'j'}, {0xBFA6, 'k'},
	{0xC0AC, 'l'}, {0xC2E8, 'm'}, {0xC4C3, 'n'}, {0xC5B6, 'o'}, {0xC5BE, 'p'},
	{0xC6DA, 'q'}, {0xC8BB, 'r'}, {0xC8F6, 's'}, {0xCBFA, 't'}, {0xCDDA, 'w'},
	{0xCEF4, 'x'}, {0xD1B9, 'y'}, {0xD4D1, 'z'},
}

const gbLevel1End = 0xD7F9

// pinyinExtra gives initials for characters outside GB2312 level 1 (level 2
// is ordered by radical, GBK extensions are not ordered at all) that turn
// up in produce names, personal names, surnames and place names. It is
// consulted before the level-1 ranges, so it may also fix a surname's
// reading. Not exhaustive: unknown characters are skipped.
var pinyinExtra = map[rune]byte{}

var pinyinExtraGroups = []struct {
	ch    byte
	chars string
}{
	{'a', "鹌谙嗳瑷暧霭铵岙獒遨鳌媪"},
	{'b', "荸粑笆钯菝稗掰钣坂蒡镑煲葆褓鸨碚蓓悖狈贲锛荜筚哔篦蓖庇匕妣俾铋砭汴飚镖骠飙镳髌摈殡膑鬓槟缤玢钹鹁亳檗犇"},
	{'c', "岑琛宸郴璨粲淙琮骢苁嵯厝蹉猝蹙徂殂萃淬瘁璀茌篪螭魑墀踟嗤饬叱敕茺艟憧舂铳侪钗豺茬槎碴汊杈衩镲搽婵蟾潺觇阊鲳菖苌徜氅怅嫦晁焯抻嗔谶榇埕枨蛏铖酲裎瞠蚩笞媸俦帱惆瘳踌躇樗刍蜍滁橱杵楮褚怵黜啜辍龊钏舛遄椽怆莼鹑蝽茨糍鹚谌翀"},
	{'d', "玳黛迨殆岱甙啖澹萏氘裆谠砀叨焘纛嘀籴镝荻觌诋柢砥坻娣棣睇谛碲巅癫阽坫玷钿靛簟鲷耋垤喋牒鲽仃酊啶腚碇锭岽鸫胨侗峒恫硐蔸窦渎椟犊牍黩笃蠹椴煅怼碓镦礅盹趸沌砘铎踱咄哆裰邸"},
	{'e', "屙婀苊呃轭垩谔萼愕腭锷鹗颚噩蒽珥迩铒鸸佴"},
	{'f', "砝钒蕃燔畈舫鲂绯扉霏斐悱狒蜚鼢偾瀵酆葑砜唪呋趺麸孚苻罘桴蚨郛凫黻绂绋菔滏黼甫拊鲋蝮馥驸赙鳆"},
	{'g', "尕钆陔垓赅戤尴泔坩苷矸绀淦赣罡筻杲缟槁藁锆诰郜圪纥仡哿塥嗝膈骼虼哏亘艮茛赓绠哽鲠觥肱珙蚣佝岣缑篝鞲遘彀媾诟觏鸪菰蛄觚毂牯罟钴嘏臌瞽崮梏鲴锢胍鸹掴诖掼倌鹳盥涫桄胱犷宄妫鲑刿晷簋鳜衮绲磙鲧埚崞聒帼蝈虢馘椁蜾枸橄"},
	{'h', "铪骸胲醢氦邯晗焓菡顸蚶颔瀚撖夯绗颃沆蒿嚆薅蚝嗥濠昊颢灏诃阖劾盍涸翮曷嘿珩蘅桁訇薨黉闳蕻荭泓篌糇骺瘊堠逅轷唿滹烀囫鹕猢斛槲觳瑚醐浒唬琥冱祜扈怙笏戽岵鹱骅铧桦砉踝獾洹桓寰缳鬟锾浣逭鲩豢漶肓徨湟遑隍璜潢篁癀簧鳇幌麾隳咴虺洄茴喙恚蕙彗缋蟪珲溷诨馄劐耠锪攉钬夥藿镬蠖淏"},
	{'j', "乩叽剞犄屐笄跻赍齑墼羁芨佶岌殛蒺嵴戢楫蕺虮麂掎戟鲫暨骥芰洎觊跽稷霁蓟鲚葭珈袈迦笳跏浃郏荚铗恝蛱岬胛戛瘕菅湔缣鹣鲣蒹鞯戋笕谫枧锏睑蹇裥谏饯楗腱踺僭鞬缰茳礓耩绛犟糨艽茭姣鲛蛟鹪僬跤佼敫噍峤醮桀婕孑讦拮碣颉羯鲒骱疖诘卺堇瑾槿觐馑靳噤缙荩赆妗泾旌菁腈阱刭儆肼弪迳胫痉婧扃迥鬏啾鸠阄赳柩桕鹫僦雎椐琚裾苴锔疽掬橘鞫犋苣讵屦醵遽钜飓榉龃踽蠲涓鄄锩狷桊隽镌谲孓珏厥橛蕨獗噘镢矍攫皲麇浚捃荠豇珺璟"},
	{'k', "咔胩佧锎蒈剀垲恺铠锴忾戡龛阚伉闶钪尻栲铐犒珂轲钶疴窠颏瞌髁蝌岢恪溘骒缂氪锞裉铿倥崆箜芤蔻筘刳堀骷喾绔郐哙狯脍侩蒯髋夼诓哐邝圹纩贶岿悝喹逵馗暌揆睽蝰夔傀跬匮喟聩篑蒉愦琨锟醌鲲悃阃蛞堃焜"},
	{'l', "旯邋剌砬瘌徕涞莱崃铼赉睐癞籁岚斓镧褴榄漤啷锒稂阆蒗崂痨铹醪栳铑耢仂叻泐鳓诔耒嫘缧檑镭羸酹塄骊鹂漓缡蓠蜊嫠藜黧醴俚娌逦澧锂枥疠呖坜苈戾栎轹砺唳笠粝蛎傈跞雳詈俪奁濂蠊裢臁鲢琏蔹裣楝殓潋椋墚踉魉蓼钌寥嘹獠缭鹩尥冽埒洌趔躐鬣蔺啉嶙遴辚瞵粼麟檩廪懔膦呤囹泠苓柃瓴棂绫鲮蛉翎酃浏遛骝镏绺旒熘鎏鹨泷咙胧砻栊珑茏陇垅偻蒌喽嵝蝼髅篓瘘镂噜泸栌胪轳舻鸬垆橹镥辂渌逯碌箓簏潞璐鹭麓氇闾榈稆膂滦脔鸾銮娈栾锊囵猡椤脶镙倮蠃瘰泺珞荦雒漯郦"},
	{'m', "嬷蟆杩犸唛劢颟螨鳗缦熳镘墁邙硭牦旄蝥蟊茆峁泖昴瑁耄袤懋瞀嵋湄猸楣镅鹛莓浼袂寐魅扪钔焖懑虻甍瞢艨礞勐蠓艋懵咪猕麋縻蘼弭敉脒芈汨宓谧嘧幂沔湎腼眄杪眇淼缈邈咩篾蠛岷玟珉苠缗旻闵泯鳘茗溟暝瞑酩嫫馍谟耱殁镆貘茉秣蓦瘼哞眸鍪侔毪仫坶苜钼缪"},
	{'n', "肭衲鼐艿萘柰囡楠腩蝻赧囔馕曩攮呶铙猱蛲硇垴瑙淖讷恁铌猊鲵坭昵伲旎睨鲇鲶黏辇撵埝蔫茑袅嬲脲陧涅啮嗫镍蹑颞蘖咛聍甯侬哝耨孥驽弩胬钕恧衄傩搦锘"},
	{'o', "讴瓯鸥耦怄"},
	{'p', "葩杷琶筢蒎俳哌湃磐蹒爿泮袢襻滂逄螃耪脬狍庖匏疱醅锫辔帔旆霈怦嘭堋蟛丕邳坯纰铍郫埤枇蚍罴貔鼙仳圮睥媲淠甓谝骈胼蹁缥螵剽瞟嘌殍嫖氕苤姘嫔颦牝娉枰鲆钋叵笸钷鄱皤珀攴莆匍濮璞镤镨氆蹼溥噗"},
	{'q', "葺蛴蕲萁骐琪琦淇祺綦蜞耆麒鳍颀圻岐屺杞芑绮綮碛槭汔憩讫葜袷髂佥芊阡骞搴褰钎箝钤掮黔慊堑椠芡羌戕嫱樯蜣锖锵跄炝襁硗跷劁缲谯樵愀诮郄箧惬锲挈芩嗪溱噙檎衾锓揿吣圊蜻鲭檠黥苘謦磬罄邛筇跫銎茕虬俅犰酋遒逑巯蝤赇裘鼽糗岖诎祛蛐麴黢劬朐鸲蕖璩蘧氍癯衢蠼阒觑龋诠荃辁筌铨悛醛鬈蜷绻畎炔阕阙悫逡囷覃瞿亓鳅荞"},
	{'r', "蚺髯禳穰荛娆桡偌箬壬仞轫妊衽狨嵘蝾肜糅蹂鞣濡嚅薷孺襦颥铷洳溽缛蓐朊蕤芮枘睿镕"},
	{'s', "挲唼歃霎铩痧裟酾钐芟姗舢埏潸膻讪疝汕苫骟鄯嬗蟮鳝垧绱殇觞熵筲艄蛸芍苕劭潲猞畲佘厍滠麝诜糁哂矧渖谂胂椹葚蜃眚嵊晟蓍鲺埘莳鲥豕弑铈谥舐嗜螫筮贳轼殳纾菽倏姝塾秫沭澍腧戍涮孀吮舜蒴烁槊厮咝澌锶蛳缌兕汜泗驷耜俟笥嗣忪凇崧淞菘嵩竦悚叟嗖嗾瞍擞薮馊螋溲锼飕谡嗉愫涑僳簌觫蔌夙狻荽眭睢濉燧邃谇祟荪狲飧隼榫唆娑桫睃蓑嗦羧嗍昇燊"},
	{'t', "铊趿闼遢挞鳎邰炱酞钛肽昙郯锬坍忐钽赕镗羰帑傥耥铴樘螗溏瑭绦韬饕洮啕鼗忑忒铽慝滕誊绨鹈缇醍倜逖悌阗畋忝殄腆舔掭佻祧龆鲦窕粜餮萜莛葶蜓梃铤嗵佟仝茼砼酮恸骰钭菟钍堍湍彖疃煺暾饨豚氽佗坨沱柁砣跎酡橐鼍庹柝箨薹"},
	{'w', "佤腽娲剜纨芄烷皖琬畹脘菀绾惋罔辋魍尢偎葳隈逶痿韪涠帏闱沩潍嵬鲔洧玮炜艉猥诿煨薇蔚猬阌汶紊蕹莴倭幄渥硪龌斡肟圬邬鹀兀芜鹉仵庑怃忤阢坞杌婺骛鋈痦寤焐鹜隗"},
	{'x', "兮汐樨犀翕羲熹皙淅蜥曦醯鼷觋隰檄玺徙葸屣禊阋舄穸饩呷狎遐瑕黠硖罅暹跹祆氙籼莶酰痫鹇娴涎舷冼燹猃蚬跣筅岘苋骁枭鸮哓绡逍潇魈崤淆筱哮啸勰撷缬偕亵榭瀣廨獬薤邂燮躞忻昕歆鑫芯衅囟惺陉荇硎擤悻溴庥咻貅髹鸺馐岫溆胥顼盱诩栩煦酗勖洫蓿萱暄煊谖儇漩璇泫铉炫渲楦碹噱泶鳕谑勋埙獯薰曛醺洵荀恂浔鲟峋巽徇蕈逊郗琇晞珣瑄"},
	{'y', "垭桠岈琊砑伢睚迓娅氩揠阉崦湮妍芫闫筵檐兖郾琰魇偃厣罨谳滟彦酽焱堰赝鼹鞅泱徉炀烊疡蛘怏恙幺夭吆爻肴徭尧轺珧繇鳐杳崾窈舀曜鹞噎揶铘邺晔烨谒靥咿猗祎铱漪黟圯夷沂诒饴怡咦贻眙胰痍颐嶷彝苡钇舣酏迤旖佚刈弋屹奕弈羿轶悒挹翌翊峄怿绎驿熠镒缢瘗劓懿薏镱噫殪埸洇氤铟堙喑狺垠鄞夤霪吲蚓胤窨茚瑛嘤膺鹦罂璎蓥滢潆萦楹嬴瀛颍颖郢瘿媵邕墉慵壅镛饔鳙喁甬俑蛹恿攸莸呦蚰铀疣猷蝣鱿卣莜黝牖囿宥侑柚鼬纡妤欤臾萸谀馀渝逾揄瑜榆腴觎窬蝓舁伛圄庾瘐窳龉禺谕峪钰聿妪饫昱煜鹆蓣阈毓鹬燠鬻鸢眢鼋沅爰塬媛橼螈辕瑗掾刖钺樾龠瀹耘芸昀纭郧殒狁恽愠郓韫蕴玥彧垚赟"},
	{'z', "匝咂拶糌昝趱錾瓒奘驵臧唣迮啧帻箦舴仄昃谮甑缯揸齄吒咤哳蚱痄砟鲊旃谵鳣搌獐嫜璋蟑仉幛嶂瘴钊笊棹肇诏蜇谪辄磔褶赭锗柘鹧祯桢浈榛蓁胗缜畛轸稹圳赈鸩朕峥狰铮筝怔钲诤卮栀祗胝踯埴絷跖咫枳轵黹酯陟忮彘帙栉桎轾觯豸骘雉痣蛭膣鸷踬盅舯螽冢踵纣绉荮胄籀酎碡侏诛邾洙茱铢潴橥舳瘃竺躅渚苎杼麈伫疰炷翥箸拽颛馔啭隹骓惴缒肫窀谆倬浞涿擢濯镯禚诼斫孜辎淄缁锱孳嵫赀觜訾龇髭鲻秭姊笫耔梓眦腙偬诹陬鄹鲰驺镞俎缵纂攥躜蕞樽鳟撙唑祚胙阼酢怍喆楂粽"},
}

func init() {
	for _, g := range pinyinExtraGroups {
		for _, r := range g.chars {
			pinyinExtra[r] = g.ch
		}
	}
}

// initialOf returns the lower-case pinyin initial of a Chinese character,
// or 0 if unknown.
func initialOf(r rune) byte {
	if c, ok := pinyinExtra[r]; ok {
		return c
	}
	if r < 0x4E00 || r > 0x9FFF {
		return 0
	}
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(string(r)))
	// GB2312 codes have both bytes in 0xA1–0xFE; GBK extension codes that
	// share the lead byte (second byte 0x40–0xA0) are not pinyin-ordered.
	if err != nil || len(b) != 2 || b[1] < 0xA1 || b[1] == 0xFF {
		return 0
	}
	code := uint16(b[0])<<8 | uint16(b[1])
	if code < gbInitials[0].code || code > gbLevel1End {
		return 0
	}
	ch := byte(0)
	for _, g := range gbInitials {
		if code < g.code {
			break
		}
		ch = g.ch
	}
	return ch
}

// PinyinInitials returns the lower-case pinyin initials of s: 大蒜 → ds,
// 合作社 → hzs. ASCII letters and digits (also full-width) are kept and
// lower-cased; other characters, and Chinese characters whose reading is
// unknown, are dropped.
func PinyinInitials(s string) string {
	var b strings.Builder
	for _, r := range s {
		r = halfRune(r)
		switch {
		case r < 0x80:
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToLower(r))
			}
		default:
			if c := initialOf(r); c != 0 {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

// MatchesQuery reports whether query (trimmed, case-insensitive, full-width
// tolerated) occurs in name or in name's pinyin initials; an empty query
// matches everything. Used for autocomplete: "ds" and "蒜" both match 大蒜.
func MatchesQuery(name, query string) bool {
	q := strings.ToLower(Halfwidth(query))
	if q == "" {
		return true
	}
	if strings.Contains(strings.ToLower(Halfwidth(name)), q) {
		return true
	}
	return strings.Contains(PinyinInitials(name), q)
}
