package render

import (
	"reflect"
	"sync"

	"github.com/sellerhealth/audit/internal/safetext"
)

// A document's strings come from the files: order ids, comments, file and
// zip member names, folder names, reasons and errors that name them. A
// control character among them would act on the terminal that shows the
// output (set its title, clear the screen), and a bidirectional override
// would reorder what a person reads. So every format but JSON, which
// writes every string escaped (jsonSafe), draws a copy of the document in
// which every string is made safe (safetext): before any word or colour
// of its own is added, so that the table's colours stay the only escape
// sequences in its output. Each renderer starts with it.
//
// The copy is made field by field, by reflection, so that a string field
// added to a document later is covered without a word here.

// safeCopy is the copy of a document to draw on one line per cell, note or
// message: tabs and line breaks become spaces (safetext.Line).
func safeCopy[T any](doc *T) *T { return cleanCopy(doc, safetext.Line) }

// safeCopyText is the copy of a document for CSV, whose quoted values keep
// their tabs and line breaks (safetext.Text).
func safeCopyText[T any](doc *T) *T { return cleanCopy(doc, safetext.Text) }

func cleanCopy[T any](doc *T, clean func(string) string) *T {
	if doc == nil {
		return nil
	}
	return cleanValue(reflect.ValueOf(doc), clean).Interface().(*T)
}

// cleanValue is a deep copy of v with clean applied to every string:
// strings of a named type (health.Op) too, map keys and values, through
// pointers, slices, arrays and exported struct fields. Unexported fields
// (a timestamp's packed clock) are copied as they are.
func cleanValue(v reflect.Value, clean func(string) string) reflect.Value {
	if !holdsString(v.Type()) {
		return v // dates, counts, the days of a window: shared as they are
	}
	switch v.Kind() {
	case reflect.String:
		out := reflect.New(v.Type()).Elem()
		out.SetString(clean(v.String()))
		return out
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(cleanValue(v.Elem(), clean))
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if f := out.Field(i); f.CanSet() {
				f.Set(cleanValue(v.Field(i), clean))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(cleanValue(v.Index(i), clean))
		}
		return out
	case reflect.Array:
		out := reflect.New(v.Type()).Elem()
		for i := range v.Len() {
			out.Index(i).Set(cleanValue(v.Index(i), clean))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(cleanValue(it.Key(), clean), cleanValue(it.Value(), clean))
		}
		return out
	}
	return v // numbers, booleans, and no interface or func in a document
}

// stringTypes caches holdsString per type.
var stringTypes sync.Map // reflect.Type -> bool

// holdsString says whether a value of type t can reach a string that
// cleanValue would clean.
func holdsString(t reflect.Type) bool {
	if v, ok := stringTypes.Load(t); ok {
		return v.(bool)
	}
	stringTypes.Store(t, true) // a type that refers to itself: assume so
	has := false
	switch t.Kind() {
	case reflect.String:
		has = true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		has = holdsString(t.Elem())
	case reflect.Map:
		has = holdsString(t.Key()) || holdsString(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && holdsString(f.Type) {
				has = true
				break
			}
		}
	}
	stringTypes.Store(t, has)
	return has
}
