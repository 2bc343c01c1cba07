import Testing

@testable import ActivityModel

@Test func decodesTheBundledSampleShape() throws {
    let json =
        #"{"status":"ok","results":{"numberUsers":1,"numberInteractiveViewers":0,"numberViewers":0,"numberEditors":0,"numberAdmins":1,"numberWeeklyQueryingUsers":0,"tableMostQueries":[],"tableMostCreatedCharts":[],"tableNoQueries":[],"chartWeeklyQueryingUsers":[],"chartWeeklyAverageQueries":[],"dashboardViews":[],"userMostViewedDashboards":[],"chartViews":[]}}"#
    let loaded = try PayloadDecoder.decode(Array(json.utf8))
    #expect(loaded.activity.numberUsers == 1)
}
