package cmd

import (
	"fmt"
	"os"
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

// manHeader dates the pages by the build date, so the same binary always
// writes the same bytes (an unreleased build has no date: none is shown).
func manHeader(env *Env) *doc.GenManHeader {
	h := &doc.GenManHeader{Title: "AUDIT", Section: "1", Source: "audit " + env.Version, Manual: "audit manual"}
	if t, err := time.Parse(time.RFC3339, env.Date); err == nil {
		h.Date = &t
	} else {
		zero := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
		h.Date = &zero
	}
	return h
}

func manRun(env *Env, root *cobra.Command, opts *manOptions) error {
	root.DisableAutoGenTag = true
	h := manHeader(env)
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
