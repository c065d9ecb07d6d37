// Package input reads the files a seller downloads (and the canonical
// files the project defines) into typed records: it finds the files in the
// paths given, opens archives, detects each file's text encoding and its
// kind by its header row (never by its name), decodes each row into
// records.Dataset, and places every bad value at file:line:column.
//
// Each report kind is one file here with its Spec (the header it is
// recognised by, the columns it needs, the function that turns a row into
// records); Load reads them all. It knows nothing of metrics, thresholds
// or output: what it tells the rest of the program is the Dataset, the
// records.InputFile list of what was read, and warnings.
package input
