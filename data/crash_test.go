package data

import (
	"bufio"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash test re-executes the test binary as a writer that makes real Store writes and
// prints one "ack" line after each write returns. The parent kills it with SIGKILL at a random
// moment, then checks that the file is intact, reopens, holds every acknowledged write whole,
// and that the monthly totals still equal the lines they add up.
//
// CUNJI_CRASH_KILLS sets the number of kills (default 3 in `make test`; docs/RELIABILITY.md
// records a run of 200).
const crashWriterEnv = "CUNJI_CRASH_WRITER_DB"

const (
	crashEventLines = 4  // lines saved with each event, in the same write
	crashBulkLines  = 60 // lines each bulk write adds to an event
)

// crashWriterMain runs instead of the tests when TestMain finds crashWriterEnv set.
func crashWriterMain(path string) {
	if err := crashWriter(path); err != nil {
		fmt.Fprintln(os.Stderr, "writer:", err)
		os.Exit(3)
	}
	os.Exit(0)
}

// crashWriter writes until it is killed. Every ack line names what the write made, so the
// parent can look for it afterwards.
func crashWriter(path string) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(os.Stdout)
	ack := func(format string, a ...any) {
		fmt.Fprintf(out, "ack "+format+"\n", a...)
		out.Flush() // the ack leaves the process only after the write returned
	}
	villages, err := s.Villages()
	if err != nil {
		return err
	}
	var village *Village
	if len(villages) == 0 {
		village = &Village{Name: "东泉村", Town: "柳埠街道", County: "历城区"}
		if err := s.SaveVillage(village); err != nil {
			return err
		}
	} else {
		village = &villages[0]
	}
	seller, err := s.FindOrCreateSeller("张建国", village.ID)
	if err != nil {
		return err
	}
	product, err := s.FindOrCreateProduct("大蒜")
	if err != nil {
		return err
	}
	rnd := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano())))
	date := func() Date { return Date{2025, uint8(1 + rnd.IntN(12)), uint8(1 + rnd.IntN(28))} }
	line := func() SaleLine {
		return SaleLine{ProductID: product.ID, SellerID: seller.ID, Quantity: Quantity(1000 * (1 + rnd.IntN(50))), Price: Money(100 + rnd.IntN(900))}
	}
	var lastEvent int64
	for i := 0; ; i++ {
		switch i % 4 {
		case 0: // an event with its lines in one write
			ev := &SaleEvent{Date: date(), VillageID: village.ID, Channel: Channels[rnd.IntN(len(Channels))]}
			lines := make([]SaleLine, crashEventLines)
			for j := range lines {
				lines[j] = line()
			}
			if err := s.SaveSaleEvent(ev, lines); err != nil {
				return err
			}
			lastEvent = ev.ID
			ack("event %s", ev.UUID)
		case 1: // bulk lines onto the last event
			lines := make([]SaleLine, crashBulkLines)
			for j := range lines {
				lines[j] = line()
			}
			if err := s.AddSaleLinesBulk(lastEvent, lines, "crash"); err != nil {
				return err
			}
			ack("bulk %d", lastEvent)
		case 2: // a collective income entry
			x := &CollectiveEntry{Date: date(), VillageID: village.ID, Direction: DirectionIncome,
				Category: IncomeOperating, Amount: Money(1 + rnd.IntN(1_000_000))}
			if err := s.SaveEntry(x); err != nil {
				return err
			}
			ack("entry %s %d", x.UUID, x.Amount)
		case 3: // a project with funding and a disbursement, one write each
			p := &Project{Name: fmt.Sprintf("项目%d-%d", os.Getpid(), i), Type: ProjectTypes[0],
				VillageIDs: []int64{village.ID}, YearStarted: 2025}
			if err := s.SaveProject(p); err != nil {
				return err
			}
			ack("project %s", p.UUID)
			fl := &FundingLine{ProjectID: p.ID, Source: FundingSources[0], Amount: Money(1 + rnd.IntN(10_000_000))}
			if err := s.SaveFundingLine(fl); err != nil {
				return err
			}
			ack("funding %s %d", fl.UUID, fl.Amount)
			d := &Disbursement{ProjectID: p.ID, Date: date(), Amount: fl.Amount / 2}
			if err := s.SaveDisbursement(d); err != nil {
				return err
			}
			ack("disbursement %s %d", d.UUID, d.Amount)
		}
	}
}

func TestCrashKillsLoseNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes itself as a writer")
	}
	kills := 3
	if n, err := strconv.Atoi(os.Getenv("CUNJI_CRASH_KILLS")); err == nil && n > 0 {
		kills = n
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	var acked []string
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for k := 0; k < kills; k++ {
		acked = append(acked, runAndKill(t, path, time.Duration(20+rnd.IntN(400))*time.Millisecond)...)
		checkAfterCrash(t, path, acked, k)
		if t.Failed() {
			t.Fatalf("after kill %d of %d (%d acknowledged writes)", k+1, kills, len(acked))
		}
	}
	t.Logf("%d kills, %d acknowledged writes, all present", kills, len(acked))
}

// runAndKill starts the writer, lets it run for about d after its first ack, kills it with
// SIGKILL and returns the acks it printed.
func runAndKill(t *testing.T, path string, d time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashWriterEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	noErr(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	noErr(t, cmd.Start())
	acks := make(chan string, 1<<16)
	done := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			acks <- sc.Text()
		}
		close(done)
	}()
	select {
	case first := <-acks:
		acks <- first // keep it; order among acks does not matter
	case <-done:
		cmd.Wait()
		t.Fatalf("writer stopped before its first write: %s", stderr.String())
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("writer made no write in 60 s: %s", stderr.String())
	}
	time.Sleep(d)
	noErr(t, cmd.Process.Signal(syscall.SIGKILL))
	<-done
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("writer ended on its own (%v): %s", err, stderr.String())
	}
	close(acks)
	var out []string
	for a := range acks {
		out = append(out, strings.TrimPrefix(a, "ack "))
	}
	return out
}

func checkAfterCrash(t *testing.T, path string, acked []string, kill int) {
	t.Helper()
	// The raw file first, before anything of ours touches it.
	raw, err := sql.Open("sqlite", path)
	noErr(t, err)
	var res string
	noErr(t, raw.QueryRow("PRAGMA integrity_check").Scan(&res))
	raw.Close()
	if res != "ok" {
		t.Fatalf("kill %d: integrity_check says %q", kill, res)
	}

	s, err := Open(path) // the killed writer's lock must not block
	if err != nil {
		t.Fatalf("kill %d: reopen: %v", kill, err)
	}
	defer s.Close()
	count := func(q string, args ...any) int {
		var n int
		noErr(t, s.db.QueryRow(q, args...).Scan(&n))
		return n
	}
	bulks := map[string]int{}
	for _, a := range acked {
		f := strings.Fields(a)
		switch f[0] {
		case "event":
			if count(`SELECT count(*) FROM sale_events WHERE uuid = ? AND deleted_at IS NULL`, f[1]) != 1 {
				t.Errorf("acknowledged event %s is missing", f[1])
			}
		case "bulk":
			bulks[f[1]]++
		case "entry":
			if count(`SELECT count(*) FROM collective_entries WHERE uuid = ? AND amount = ? AND deleted_at IS NULL`, f[1], f[2]) != 1 {
				t.Errorf("acknowledged entry %s of %s fen is missing", f[1], f[2])
			}
		case "project":
			if count(`SELECT count(*) FROM projects WHERE uuid = ? AND deleted_at IS NULL`, f[1]) != 1 {
				t.Errorf("acknowledged project %s is missing", f[1])
			}
		case "funding":
			if count(`SELECT count(*) FROM funding_lines WHERE uuid = ? AND amount = ?`, f[1], f[2]) != 1 {
				t.Errorf("acknowledged funding line %s is missing", f[1])
			}
		case "disbursement":
			if count(`SELECT count(*) FROM disbursements WHERE uuid = ? AND amount = ?`, f[1], f[2]) != 1 {
				t.Errorf("acknowledged disbursement %s is missing", f[1])
			}
		default:
			t.Fatalf("unknown ack %q", a)
		}
	}
	// Whole or absent: every event holds its own lines plus whole bulk writes, and at least the
	// bulk writes that were acknowledged.
	rows, err := s.db.Query(`SELECT e.id, count(l.id) FROM sale_events e LEFT JOIN sale_lines l ON l.event_id = e.id GROUP BY e.id`)
	noErr(t, err)
	for rows.Next() {
		var id int64
		var n int
		noErr(t, rows.Scan(&id, &n))
		if n < crashEventLines || (n-crashEventLines)%crashBulkLines != 0 {
			t.Errorf("event %d holds %d lines: a write was half done", id, n)
		}
		if want := crashEventLines + bulks[strconv.FormatInt(id, 10)]*crashBulkLines; n < want {
			t.Errorf("event %d holds %d lines, acknowledged %d", id, n, want)
		}
	}
	noErr(t, rows.Err())
	rows.Close()

	// The totals the write methods keep equal a GROUP BY over the lines.
	checkSalesTotals(t, s)
}
