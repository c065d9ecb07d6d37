// Package cmd holds the cobra commands. Each command parses and validates
// its flags into an options struct and hands it to a plain run function;
// exit codes are decided here, in Execute, and nowhere else.
package cmd

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/iostreams"
	"github.com/sellerhealth/audit/internal/render"
	"github.com/sellerhealth/audit/internal/safetext"
)

// Exit codes (README, "Exit codes").
const (
	ExitOK     = 0 // healthy: every metric passes, warns or has no data
	ExitFailed = 1 // a metric failed its threshold (or warned, with --fail-on warn)
	ExitError  = 2 // usage or input error
)

// Env is what commands need from the outside world; tests pass fakes.
type Env struct {
	IO *iostreams.IOStreams
	// LookupEnv reads the environment (nil: the process's); tests pass a
	// map so AUDIT_* variables are under their control.
	LookupEnv func(string) (string, bool)
	Now       func() time.Time // the clock; read once, for the default --as-of
	Version   string
	Commit    string
	Date      string
}

// errThresholds is returned when the audit ran and a threshold failed: the
// output already says so, so nothing more is printed.
var errThresholds = errors.New("a threshold failed")

// Execute runs the command line and returns the process exit code.
func Execute(args []string, env Env) int {
	root := NewRootCmd(&env)
	root.SetArgs(args)
	strictCompletion(root, args)
	c, err := root.ExecuteC()
	if c == nil {
		c = root
	}
	return exitCode(env, c, err)
}

// strictCompletion makes `audit completion SHELL` reject a shell it does not
// know (a usage error) instead of printing its help and exiting 0.
func strictCompletion(root *cobra.Command, args []string) {
	root.InitDefaultCompletionCmd(args...)
	// Find, not Commands: Commands sorts the list, which would change the
	// order of cobra's "Did you mean this?" suggestions.
	if c, _, err := root.Find([]string{"completion"}); err == nil && c.Name() == "completion" {
		var shells []string
		for _, s := range c.Commands() {
			shells = append(shells, s.Name())
		}
		c.Args = func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown shell %q for \"audit completion\" (want %s)", args[0], strings.Join(shells, ", "))
			}
			return nil
		}
		c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
	}
}

// exitCode decides the exit code of the run of c, the command that ran or
// failed (its path names the help a usage error points to).
func exitCode(env Env, c *cobra.Command, err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errThresholds):
		return ExitFailed
	}
	// The message may name a file, a zip member or a value from the files:
	// made safe to show, as warnings are (printWarning), keeping the line
	// breaks and tabs of cobra's own messages ("Did you mean this?").
	fmt.Fprintf(env.IO.ErrOut, "audit: %s\n", safetext.Text(err.Error()))
	var ue *usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		fmt.Fprintf(env.IO.ErrOut, "Run '%s --help' for usage.\n", c.CommandPath())
	}
	return ExitError
}

// printWarning writes a warning on stderr. Warnings name files, zip
// members and values from the files, so their text is made safe to show
// first (safetext): no control character from a file reaches the terminal.
// On a terminal a warning is wrapped to its width, the lines after the
// first indented; elsewhere it is one line, for logs and grep.
func printWarning(s *iostreams.IOStreams, msg string) {
	msg = safetext.Line(msg)
	if s.ErrWidth <= 0 {
		fmt.Fprintf(s.ErrOut, "warning: %s\n", msg)
		return
	}
	for _, l := range render.WrapWords(msg, s.ErrWidth-1, "warning: ", "  ") {
		fmt.Fprintln(s.ErrOut, l)
	}
}

// usageError is a bad flag value or argument list.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return &usageError{fmt.Errorf(format, args...)} }

// isCobraUsage recognises cobra's own flag and argument errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand", "unknown command", "flag needs an argument", "invalid argument", "requires at least", "accepts "} {
		if len(msg) >= len(p) && containsFold(msg, p) {
			return true
		}
	}
	return false
}

func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// NewRootCmd builds the command tree.
func NewRootCmd(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "audit",
		Short: "Recompute marketplace account-health metrics from the reports you download",
		Long: `audit reads the reports a seller downloads from Seller Central, recomputes
the account-health metrics exactly as Amazon defines them, and judges each
against its target: pass, warn or fail.

Exit codes: 0 healthy (pass, warn or no data), 1 a metric failed
(see --fail-on), 2 usage or input error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	setVersionFlag(root, env)
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error { return foldEnumFlags(c) }
	root.SetOut(env.IO.Out)
	root.SetErr(env.IO.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(newODRCmd(env), newLateShipmentCmd(env), newCancellationCmd(env), newTrackingCmd(env),
		newDeliveryCmd(env), newIDRCmd(env), newAllCmd(env), newServiceCmd(env), newAllegroCmd(env), newKauflandCmd(env), newFeedbackCmd(env), newRisksCmd(env), newDefectsCmd(env), newTrendCmd(env), newSourcesCmd(env), newFetchCmd(env), newReconcileCmd(env), newThresholdsCmd(env), newConfigCmd(env), newVersionCmd(env), newManCmd(env))
	return root
}
