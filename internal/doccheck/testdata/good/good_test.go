package good_test

import "fmt"

func Example() {
	fmt.Println("package")
	// Output: package
}

func ExampleF() {
	fmt.Println("F")
	// Output: F
}

func ExampleF_second() {
	fmt.Println("F again")
	// Output: F again
}

func ExampleT() {
	fmt.Println("T")
	// Output: T
}

func ExampleNewT() {
	fmt.Println("NewT")
	// Output: NewT
}

func ExampleT_M() {
	fmt.Println("M")
	// Output: M
}
