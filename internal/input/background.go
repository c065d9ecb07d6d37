package input

import (
	"slices"

	"github.com/sellerhealth/audit/internal/records"
)

// The orders reports are the big files of an account, and nothing else
// read from the files touches the orders (the feedback is matched to them
// after every file is read). So the loader reads them on a goroutine of
// their own while it reads the other files (background), and then puts
// their warnings, conflicts and inputs where reading file after file puts
// them: the result is the same, byte for byte, on both cores.

// background reads orders reports, one after the other, into the shared
// dataset's orders, with its own warnings and conflicts.
type background struct {
	jobs chan bgJob
	done chan struct{}
	sink *Sink // Data is the loader's; warnings and conflicts its own
	out  []bgResult
}

// bgJob is one orders report and where its results go among the loader's.
type bgJob struct {
	t        *Table
	file     int // the file's place among the inputs given
	warnAt   int // how many warnings the loader had when the file came
	inputAt  int // how many inputs the loader had
	progress *counting
}

type bgResult struct {
	job      bgJob
	warnings []string // the file's own warnings
	input    records.InputFile
	err      error
}

func (ld *loader) startBackground() {
	bg := &background{jobs: make(chan bgJob, 64), done: make(chan struct{}),
		sink: &Sink{Data: ld.sink.Data, since: ld.sink.since}}
	ld.bg = bg
	go func() {
		defer close(bg.done)
		failed := false
		for j := range bg.jobs {
			if failed { // reading file after file stops at the first error
				j.t.Close()
				continue
			}
			from := len(bg.sink.warnings)
			bg.sink.file = j.file
			err := j.t.Spec.Read(j.t, bg.sink)
			j.t.Close()
			j.progress.finish()
			r := bgResult{job: j, warnings: bg.sink.warnings[from:], err: err,
				input: j.t.inputFile()}
			bg.out = append(bg.out, r)
			failed = err != nil
		}
	}()
}

// join waits for the orders reports and merges their results into the
// loader's; err is the loader's own error, at file errFile, if any. It
// returns the error reading file after file would have met first.
func (ld *loader) join(err error, errFile int) error {
	bg := ld.bg
	if bg == nil {
		return err
	}
	close(bg.jobs)
	<-bg.done
	ld.bg = nil
	for _, r := range bg.out {
		if r.err != nil && (err == nil || r.job.file < errFile) {
			return r.err
		}
	}
	if err != nil {
		return err
	}
	// Latest place first, so that the earlier places stay where they are.
	for i := len(bg.out) - 1; i >= 0; i-- {
		r := bg.out[i]
		ld.sink.warnings = slices.Insert(ld.sink.warnings, r.job.warnAt, r.warnings...)
		ld.inputs = slices.Insert(ld.inputs, r.job.inputAt, r.input)
	}
	ld.sink.conflicts.merge(&bg.sink.conflicts)
	if bg.sink.channelFrom != nil {
		ld.sink.channelFrom = bg.sink.channelFrom
	}
	return nil
}
