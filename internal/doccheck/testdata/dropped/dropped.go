// Package dropped has examples that go/doc drops and identifiers without
// docs or examples.
package dropped

// ErrX is a variable: an example named after it is dropped.
var ErrX error

// F does nothing.
func F() {}

func G() {}

// H has no example.
func H() {}

// T is a type.
type T struct{}

// M does nothing.
func (T) M() {}
