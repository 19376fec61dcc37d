package shqvet

// Producers returns the names, relative to package shq, of the functions
// whose results the analyzer trusts as quoted.
func Producers() map[string]bool { return shqProducers }
