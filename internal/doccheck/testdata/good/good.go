// Package good documents everything and attaches every example.
package good

// ErrX is a variable: it needs a doc comment, not an example.
var ErrX error

// Limit is a constant.
const Limit = 3

// F does nothing.
func F() {}

// T is a type.
type T struct{}

// NewT returns a T.
func NewT() T { return T{} }

// M does nothing.
func (T) M() {}
