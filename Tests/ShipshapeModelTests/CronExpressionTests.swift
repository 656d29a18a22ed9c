import ShipshapeModel
import Testing

@Suite struct CronExpressionTests {
    @Test(arguments: [
        "*/15 * * * *", "0 2 * * *", "0 3 * * SUN", "0 4 1 * *", "0-30/10 9-17 * JAN-MAR MON-FRI", "5,35 * * * *",
        "@daily", "@weekly", "0 0 * * 7",
    ])
    func accepts(text: String) {
        #expect(CronExpression(text) != nil, "\(text)")
    }

    @Test(arguments: [
        ("61 * * * *", "'61' in the minute field"), ("0 25 * * *", "'25' in the hour field"),
        ("* * *", "it has 3 fields"),
        ("0 2 L * *", "'L' is not supported"), ("0 2 ? * *", "'?' is not supported"), ("@reboot", "no equivalent"),
        ("0 2 * * MON#2", "'#' is not supported"), ("*/0 * * * *", "not a valid step"),
        ("30-10 * * * *", "runs backwards"),
    ])
    func rejectsWithReason(text: String, reason: String) {
        guard case let .failure(error) = CronExpression.parse(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(error.reason.contains(reason), "\(error.reason)")
    }

    @Test func keepsFieldStructure() throws {
        let cron = try #require(CronExpression("*/15 2-4 * * MON,FRI"))
        #expect(cron.items(.minute) == [.init(range: nil, step: 15)])
        #expect(cron.items(.hour) == [.init(range: 2...4, step: nil)])
        #expect(cron.items(.dayOfWeek) == [.init(range: 1...1, step: nil), .init(range: 5...5, step: nil)])
        #expect(try #require(CronExpression("@monthly")).items(.dayOfMonth) == [.init(range: 1...1, step: nil)])
    }
}
