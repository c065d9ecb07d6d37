package report

import (
	"errors"
	"regexp"
)

// Buyer e-mails, names, phone numbers and addresses never reach output: no
// reader keeps those columns, and error messages, which quote the bad value
// they point at, mask anything that looks like an e-mail or a phone number
// (a value in a misaligned row can be a buyer's). --show-pii turns the
// masking off.

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	// Phone numbers written as such: an international "+49 30 1234567" or
	// a local "(555) 123-4567". Bare digit runs are left alone: they are
	// order ids, dates and amounts far more often.
	phoneRE = regexp.MustCompile(`\+\d[\d ()./\-]{6,}\d|\(\d{2,5}\)[\d ./\-]{5,}\d`)
)

// RedactPII masks e-mail addresses and phone numbers in s.
func RedactPII(s string) string {
	s = emailRE.ReplaceAllString(s, "<e-mail>")
	return phoneRE.ReplaceAllString(s, "<phone>")
}

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
