package input

import (
	"errors"

	"github.com/sellerhealth/audit/internal/pii"
)

// Buyer e-mails, names, phone numbers and addresses never reach output: no
// reader keeps those columns, and error messages, which quote the bad value
// they point at, mask anything that looks like an e-mail or a phone number
// (a value in a misaligned row can be a buyer's). --show-pii turns the
// masking off.

// RedactPII masks e-mail addresses and phone numbers in s (internal/pii:
// the same detection as a feedback comment's, which tells phone numbers
// from order ids, dates and amounts).
func RedactPII(s string) string { return pii.Mask(s) }

// redactError masks personal data in the messages of the errors Load
// returns; other errors pass unchanged.
func redactError(err error) error {
	var ie *InputError
	if errors.As(err, &ie) {
		c := *ie
		c.Msg = RedactPII(c.Msg)
		c.Name = RedactPII(c.Name)
		return &c
	}
	var ue *UnrecognisedError
	if errors.As(err, &ue) {
		c := *ue
		c.Reason = RedactPII(c.Reason)
		return &c
	}
	return err
}
