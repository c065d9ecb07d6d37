package cmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/render"
)

// writer draws one document in one format.
type writer func(w io.Writer, o render.Options) error

// renderOptions are the renderers' options from the flags: -o junit
// makes a <failure> of what --fail-on makes exit 1, and of nothing else.
func (o *auditOptions) renderOptions() render.Options {
	return render.Options{Color: o.IO.ColorEnabled(), Details: o.Details || o.detailsOnly, DetailsOnly: o.detailsOnly,
		FailOn: o.failOn()}
}

// failOn is --fail-on parsed: the statuses that make the exit code 1.
// The settings have checked it, so it parses.
func (o *auditOptions) failOn() health.FailOn {
	f, _ := health.ParseFailOn(o.FailOn)
	return f
}

// emit writes a command's document. Without --output-file the -o format
// goes to stdout, after the warnings on stderr unless the format carries
// them itself (json, html). With it, the
// -o format goes to the file, uncoloured, and the person at the terminal
// still gets the table on stdout, so `-o json --output-file health.json`
// keeps both.
func (o *auditOptions) emit(format, table writer, warnings []string) error {
	ropts := o.renderOptions()
	showWarnings := func() {
		for _, w := range warnings {
			printWarning(o.IO.ErrOut, w)
		}
	}
	if o.OutputFile == "" {
		if !render.EmbedsWarnings(o.Output) {
			showWarnings()
		}
		return format(o.IO.Out, ropts)
	}
	fileOpts := ropts
	fileOpts.Color = false
	if err := writeFileAtomic(o.OutputFile, func(w io.Writer) error { return format(w, fileOpts) }); err != nil {
		return err
	}
	if o.Output == "table" {
		return nil
	}
	showWarnings()
	return table(o.IO.Out, ropts)
}

// writeFileAtomic writes path through a temporary file in the same folder,
// so a failed run never leaves half a report where the last good one was.
func writeFileAtomic(path string, fn func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("--output-file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := fn(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--output-file: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("--output-file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("--output-file: %w", err)
	}
	return nil
}
