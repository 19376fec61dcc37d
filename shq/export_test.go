package shq

// PendingMBRefusal is pendingMBRefusal, for the tests of package shq_test.
var PendingMBRefusal = pendingMBRefusal
