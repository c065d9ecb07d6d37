package cmd

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of audit",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			fmt.Fprintf(env.IO.Out, "audit %s\n", env.Version)
			if env.Commit != "" {
				fmt.Fprintf(env.IO.Out, "commit %s, built %s\n", env.Commit, env.Date)
			}
			return nil
		},
	}
}
