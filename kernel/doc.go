// Package kernel holds what every domain shares and none owns: who is
// calling (Caller, with their marketplace Role and staff province scope),
// what they are inside one cooperative (MemberRole), how lists are paged
// (Page, PageRequest, Cursor) and the Clock services read the time from.
//
// It imports no domain package, so accounts, catalog, orders, reports and
// search all import it without importing each other to learn who calls.
package kernel
