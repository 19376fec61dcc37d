package dropped_test

import "fmt"

func ExampleF() {
	fmt.Println("F")
	// Output: F
}

func ExampleG() {
	fmt.Println("G")
	// Output: G
}

func ExampleT() {
	fmt.Println("T")
	// Output: T
}

func ExampleT_M() {
	fmt.Println("M")
	// Output: M
}

// Named after a variable: dropped.
func ExampleErrX() {
	fmt.Println("ErrX")
	// Output: ErrX
}

// The suffix starts with an upper-case letter, so go/doc reads it as a
// method F.Bad, which does not exist: dropped.
func ExampleF_Bad() {
	fmt.Println("F")
	// Output: F
}

// Named after no identifier: dropped.
func ExampleNoSuchThing() {
	fmt.Println("none")
	// Output: none
}
