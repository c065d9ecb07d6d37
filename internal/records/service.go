package records

import (
	"github.com/sellerhealth/audit/internal/civil"
)

// Customer service records: the canonical buyer-messages, return-requests
// and customer-service-ratings files (docs/formats.md). Amazon exports
// none of them; a help desk writes them.

// Message is one buyer message, its response rows folded together.
type Message struct {
	ID       string // message-id as written
	OrderID  string // order-id as written ("" when not given)
	Received civil.Timestamp
	// FirstResponse is the earliest manual (non-automatic) response; zero
	// when there is none. Automatic replies are not responses.
	FirstResponse civil.Timestamp
	// AutoReplied says an automatic reply was sent (it does not count).
	AutoReplied bool
	// NoResponseNeeded: the message was marked as needing no reply; it is
	// left out of the contact response rate.
	NoResponseNeeded bool
	// Platform is the marketplace the message came through ("amazon",
	// "kaufland", "allegro", ...; "amazon" when the file does not say),
	// and Store its store or country ("DE", "CZ"; "" when not given):
	// the buyer-messages file's marketplace column, "kaufland-de".
	Platform, Store string
	// Thread is the conversation the message belongs to ("" when not given).
	Thread string
	Line   int32 // the message's first row
	File   Sym
}

// Source is where the message's first row was read.
func (m *Message) Source() Source { return Source{File: m.File.String(), Line: int(m.Line)} }

// ReturnResponse is how a return request was answered.
type ReturnResponse uint8

const (
	ReturnUnanswered ReturnResponse = iota
	ReturnAuthorized
	ReturnRefunded
	ReturnRejected
	ReturnClosed
)

func (r ReturnResponse) String() string {
	return [...]string{"", "authorized", "refunded", "rejected", "closed"}[r]
}

// ReturnFeedback is the buyer's feedback on a return.
type ReturnFeedback uint8

const (
	ReturnFeedbackNone ReturnFeedback = iota
	ReturnFeedbackPositive
	ReturnFeedbackNegative
)

func (f ReturnFeedback) String() string { return [...]string{"", "positive", "negative"}[f] }

// ReturnRequest is one row of the return-requests file.
type ReturnRequest struct {
	OrderID   string
	Requested civil.Timestamp
	Responded civil.Timestamp // zero while unanswered
	Response  ReturnResponse
	InPolicy  bool // in-policy Y
	Feedback  ReturnFeedback
	Line      int32
	File      Sym
}

// Source is where the request was read.
func (r *ReturnRequest) Source() Source { return Source{File: r.File.String(), Line: int(r.Line)} }

// Solved is an answer to "Did this solve your problem?".
type Solved uint8

const (
	SolvedUnknown Solved = iota // a 1-10 score, not a yes/no answer
	SolvedYes
	SolvedNo
)

// Rating is one row of the customer-service ratings file: a 1-10 score,
// or a yes/no answer of the older survey (then Rater is the order id).
type Rating struct {
	Rater  string
	Rated  civil.Timestamp
	Score  int // 1-10; 0 for a yes/no answer
	Solved Solved
	Line   int32
	File   Sym
}

// Source is where the rating was read.
func (r *Rating) Source() Source { return Source{File: r.File.String(), Line: int(r.Line)} }
