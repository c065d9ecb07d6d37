package cmd

import (
	"github.com/sellerhealth/audit/internal/settings"
)

// runFleet audits each subfolder of --accounts as one account.
func runFleet(o *auditOptions, s settings.Settings) error {
	return usagef("--accounts: not yet") // TODO(accounts helper)
}
