module github.com/safeshell/safeshell/examples/lambda

go 1.26.0

require github.com/safeshell/safeshell v0.0.0-00010101000000-000000000000

require mvdan.cc/sh/v3 v3.14.1 // indirect

replace github.com/safeshell/safeshell => ../..
