module github.com/safeshell/safeshell/examples/ssh

go 1.26.0

require github.com/safeshell/safeshell v0.0.0-00010101000000-000000000000

require (
	golang.org/x/crypto v0.58.0
	golang.org/x/sys v0.49.0 // indirect
	mvdan.cc/sh/v3 v3.14.1 // indirect
)

replace github.com/safeshell/safeshell => ../..
