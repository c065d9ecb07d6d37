package cmd

import (
	"github.com/spf13/cobra"
)

// htmlTrendDays is how many daily points the html report charts.
const htmlTrendDays = 60

func newTrendCmd(env *Env) *cobra.Command {
	return &cobra.Command{Use: "trend", Hidden: true} // TODO(trend helper)
}
