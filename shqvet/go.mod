module github.com/safeshell/safeshell/shqvet

go 1.26.0

require (
	github.com/safeshell/safeshell v0.0.0-00010101000000-000000000000
	golang.org/x/mod v0.42.0
	golang.org/x/tools v0.52.0
)

require (
	golang.org/x/sync v0.24.0 // indirect
	mvdan.cc/sh/v3 v3.14.1 // indirect
)

replace github.com/safeshell/safeshell => ../
