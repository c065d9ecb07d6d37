package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

func newVersionCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of audit",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			fmt.Fprint(env.IO.Out, versionText(env))
			return nil
		},
	}
}

// versionText is what `audit version` and `audit --version` print.
func versionText(env *Env) string {
	s := fmt.Sprintf("audit %s\n", env.Version)
	if env.Commit != "" {
		if env.Date != "" {
			s += fmt.Sprintf("commit %s, built %s\n", env.Commit, env.Date)
		} else {
			s += fmt.Sprintf("commit %s\n", env.Commit)
		}
	}
	return s
}

// setVersionFlag makes `audit --version` print what `audit version` does
// (cobra's Version field; no -v shorthand, which commands may want).
func setVersionFlag(root *cobra.Command, env *Env) {
	root.Version = env.Version
	if root.Version == "" {
		root.Version = "dev"
	}
	root.Flags().Bool("version", false, "print the version of audit")
	// cobra's version template is a text/template: braces are escaped.
	t := strings.NewReplacer("{{", `{{"{{"}}`).Replace(versionText(env))
	root.SetVersionTemplate(t)
}
