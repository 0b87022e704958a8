import Testing
@Test func terminalKitTestsPending() { #expect(Bool(true)) }
