package cmd

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// manOptions are the flags of audit man.
type manOptions struct {
	Dir string
}

func newManCmd(env *Env) *cobra.Command {
	opts := &manOptions{}
	c := &cobra.Command{
		Use:   "man [--dir DIR]",
		Short: "Write the manual pages (troff), for man(1)",
		Long: `Write the manual page of audit and of each of its commands, generated from
the same help text as --help.

Without --dir, the page of audit itself goes to stdout:

  audit man | man -l -

With --dir, one file per command (audit.1, audit-odr.1, ...) is written to
DIR, ready to copy into a man1 folder such as /usr/local/share/man/man1.`,
		Example: `  audit man --dir /usr/local/share/man/man1
  audit man | man -l -`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return manRun(env, c.Root(), opts)
		},
	}
	c.Flags().StringVar(&opts.Dir, "dir", "", "write one page per command into this folder")
	return c
}

// manDate is the date the pages carry: SOURCE_DATE_EPOCH when set (for
// reproducible releases), else the build's date (-ldflags, or the commit's
// time for a build from a clone), else the day of the run, from the clock
// the commands are given (fixed in tests).
func manDate(env *Env) (time.Time, error) {
	lookup := env.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	if s, ok := lookup("SOURCE_DATE_EPOCH"); ok && s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a count of seconds since 1970", s)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339, env.Date); err == nil {
		return t.UTC(), nil
	}
	if env.Now == nil {
		return time.Now().UTC(), nil
	}
	return env.Now().UTC(), nil
}

// manHeader is the header every page shares. Its title is left empty so
// that cobra titles each page by its command (AUDIT-ODR(1) for
// audit-odr.1): GenManTree gives each page its own copy.
func manHeader(env *Env) (*doc.GenManHeader, error) {
	d, err := manDate(env)
	if err != nil {
		return nil, err
	}
	return &doc.GenManHeader{Section: "1", Source: "audit " + env.Version, Manual: "audit manual", Date: &d}, nil
}

func manRun(env *Env, root *cobra.Command, opts *manOptions) error {
	root.DisableAutoGenTag = true
	h, err := manHeader(env)
	if err != nil {
		return err
	}
	if opts.Dir == "" {
		return doc.GenMan(root, h, env.IO.Out)
	}
	st, err := os.Stat(opts.Dir)
	if err != nil {
		return usagef("--dir: %v", err)
	}
	if !st.IsDir() {
		return usagef("--dir: %s is not a folder", opts.Dir)
	}
	if err := doc.GenManTree(root, h, opts.Dir); err != nil {
		return fmt.Errorf("man: %w", err)
	}
	return nil
}
