using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Process;

/// <summary>Whatever depends on the calendar day is counted by the day in Sweden (Europe/Stockholm), never by UTC.</summary>
public sealed class SwedishDayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_Swedish_date_of_every_hour_matches_Europe_Stockholm_across_the_years_the_library_counts_deadlines_in()
    {
        // The library computes Swedish time itself (so every host counts alike); the time-zone database is the reference.
        var stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        for (var instant = new DateTimeOffset(1996, 1, 1, 0, 30, 0, TimeSpan.Zero); instant.Year < 2060; instant = instant.AddHours(1))
        {
            var expected = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, stockholm).DateTime);
            if (SipLegalReferences.SwedishDateOf(instant) != expected)
            {
                Assert.Fail($"{instant:O} is {expected} in Stockholm, but the library says {SipLegalReferences.SwedishDateOf(instant)}");
            }
        }
    }

    [Fact]
    public async Task A_follow_up_held_late_the_evening_before_a_booking_just_after_midnight_is_early_by_the_Swedish_day()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();

        // 00:30 on 10 June in Sweden is 22:30 on 9 June in UTC; the follow-up is held at 23:30 on 9 June in Sweden.
        var bookedAt = new DateTimeOffset(2026, 6, 10, 0, 30, 0, TimeSpan.FromHours(2));
        await s.Workflow.EstablishPlanAsync(SipTestData.CompletePlan(c.Id, bookedAt), Ct);
        s.Time.SetUtcNow(new DateTimeOffset(2026, 6, 9, 23, 30, 0, TimeSpan.FromHours(2)));

        var followedUp = await s.Workflow.RecordFollowUpAsync(new RecordFollowUp
        {
            CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Följs upp kvällen före." },
        }, Ct);

        followedUp.Case.FollowUps.Should().ContainSingle().Which.Early.Should().BeTrue("9 June is the day before 10 June in Sweden, whatever UTC says");
    }
}
