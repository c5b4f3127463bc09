package data

import (
	"flag"
	"os"
	"sort"
	"strings"
	"testing"
)

var updateKeys = flag.Bool("update-keys", false, "rewrite data/keys_ledgers.txt from ledgerMsgs")

// keys_ledgers.txt (key<TAB>中文<TAB>English) is what the translations copy; it must match ledgerMsgs.
func TestKeysFileListsEveryLedgerKey(t *testing.T) {
	keys := make([]string, 0, len(ledgerMsgs))
	for k := range ledgerMsgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		m := ledgerMsgs[k]
		if m.zh == "" || m.en == "" || strings.ContainsAny(m.zh+m.en, "\t\n") {
			t.Errorf("%s: both texts are needed, without tabs or newlines", k)
		}
		if !strings.HasPrefix(k, "err.") {
			t.Errorf("%s: keys start with err.", k)
		}
		b.WriteString(k + "\t" + m.zh + "\t" + m.en + "\n")
	}
	if *updateKeys {
		if err := os.WriteFile("keys_ledgers.txt", []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("keys_ledgers.txt")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != b.String() {
		t.Fatal("keys_ledgers.txt is stale: run go test ./data -run TestKeysFile -update-keys")
	}
}

func TestSnakeFieldNames(t *testing.T) {
	for in, want := range map[string]string{"Name": "name", "VillageID": "village_id", "VillageIDs": "village_ids",
		"HouseholdsPoor": "households_poor", "IDNumber": "id_number", "DefaultPrice": "default_price", "EscalationBP": "escalation_bp", "": ""} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every validation problem carries the Go field name, a key from ledgerMsgs and its Chinese text.
func TestCheckUsesCatalogue(t *testing.T) {
	c := newCheck("village")
	c.required("Name", "")
	c.maxLen("Town", strings.Repeat("镇", nameLen+1), nameLen)
	c.maxLen("County", strings.Repeat("县", nameLen), nameLen) // exactly the limit is fine
	err := c.err()
	wantProblem(t, err, "Name", "err.village.name.required")
	wantProblem(t, err, "Town", "err.village.town.long")
	if problemFor(t, err, "County") != nil {
		t.Fatal("60 characters are allowed")
	}
	if fe := problemFor(t, err, "Name"); fe.Msg != ledgerMsgs["err.village.name.required"].zh {
		t.Fatalf("message %q", fe.Msg)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("a key missing from the catalogue must fail loudly")
		}
	}()
	c.fail("Name", "nosuchrule")
}

func TestCleanTrimsFullWidthSpace(t *testing.T) {
	if got := clean("\u3000 东泉村 \t"); got != "东泉村" {
		t.Fatalf("%q", got)
	}
}
