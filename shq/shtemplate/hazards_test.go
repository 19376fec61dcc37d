package shtemplate

import "github.com/safeshell/safeshell/internal/hazard"

// hazards are the quoting corpus of package shq (internal/hazard.Corpus),
// followed by the cases of templates: here-document delimiters, quotes of
// every kind, substitutions that would create a canary file if they ran,
// separators and option-shaped values.
var hazards = func() (out []struct{ name, s string }) {
	for _, c := range hazard.Corpus {
		out = append(out, struct{ name, s string }{c.Name, c.S})
	}
	return append(out, templateHazards...)
}()

var templateHazards = []struct{ name, s string }{
	// Template contexts.
	{"eof", "EOF"},                              // the here-document delimiter
	{"eof-line", "a\nEOF\nb"},                   // a line equal to it
	{"eof-end", "a\nEOF"},                       //
	{"eof-start", "EOF\nb"},                     //
	{"eof-tabs", "\tEOF"},                       // <<- strips tabs
	{"eof-in", "xEOFx"},                         // not a line of its own
	{"newlines", "\n\n"},                        //
	{"trailing-newline", "a\n"},                 // $(…) strips it; the test keeps it
	{"canary-cmdsubst", "$(touch CANARY)"},      // must not create the file
	{"canary-backtick", "`touch CANARY`"},       //
	{"canary-sq", "';touch CANARY;'"},           // closes the author's single quotes
	{"canary-dq", "\";touch CANARY;\""},         // closes the author's double quotes
	{"canary-dq-sub", "\"$(touch CANARY)\""},    //
	{"canary-nl", "x\ntouch CANARY\n"},          // a new command line
	{"canary-heredoc", "x\nEOF\ntouch CANARY"},  // ends the here-document early
	{"canary-nested", "'\"'\"'$(touch CANARY)"}, // every quote of a nested script
	{"semicolon-alone", ";id"},                  //
	{"pipe-alone", "|id"},                       //
	{"backslash-end", "a\\"},                    // escapes the quote after it
	{"backslash-nl", "a\\\nb"},                  // line continuation
	{"dash-rf", "-rf"},                          // option-shaped
	{"dash-long", "--output=/etc/passwd"},       //
	{"dash-alone", "-"},                         //
	{"esac", "esac"},                            // keyword in a case pattern
	{"paren-close", ")"},                        // ends a case pattern
	{"dquotes-dollar", "\"$HOME\""},             //
	{"percent-s", "%s%n"},                       // printf formats stay text
}
