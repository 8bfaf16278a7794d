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
    public void The_Swedish_time_is_right_when_one_caller_after_another_asks_about_another_year()
    {
        // The summer time of the year last asked about is kept: instants around each change of the clocks, in years taken
        // from both ends in turn, must each get their own year's rule.
        var stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        for (var i = 0; i < 64; i++)
        {
            foreach (var year in (int[])[1996 + i, 2059 - i])
            {
                foreach (var month in (int[])[3, 10])
                {
                    var lastSunday = new DateTimeOffset(year, month, DateTime.DaysInMonth(year, month), 0, 30, 0, TimeSpan.Zero);
                    lastSunday = lastSunday.AddDays(-(int)lastSunday.DayOfWeek);
                    foreach (var instant in (DateTimeOffset[])[lastSunday, lastSunday.AddHours(1), lastSunday.AddHours(-25), lastSunday.AddHours(23)])
                    {
                        SipLegalReferences.SwedishTimeOf(instant).Offset.Should().Be(stockholm.GetUtcOffset(instant), $"{instant:O} in Stockholm");
                    }
                }
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
