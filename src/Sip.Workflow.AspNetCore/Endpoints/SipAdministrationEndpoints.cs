using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sip.Workflow.Storage;

namespace Sip.Workflow.AspNetCore;

/// <summary>
/// The store's administration: verifying the whole store, finding the cases due for gallring and purging one. Kept apart
/// from the caseworkers' endpoints so that a host gives them to its archivists and administrators only.
/// </summary>
internal static class SipAdministrationEndpoints
{
    private const int BadRequest = StatusCodes.Status400BadRequest;

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/store/verification", (Func<HttpContext, Task<IResult>>)VerifyStoreAsync)
            .Describe("VerifyStore", "Verify the whole store",
                "Every case's row against its document and chain and every tombstone's seal; given the store checkpoint of the last verification as the body, also that no case it knew was deleted, set back or rewritten. Returns the findings and a new checkpoint to keep outside the database. Reads every case: for a large store, run it as a background job instead.",
                BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable)
            .Accepts<SipStoreCheckpoint>("application/json")
            .Produces<SipStoreVerification>(StatusCodes.Status200OK, "application/json");

        group.MapGet("/gallring/due", (Func<HttpContext, Task<IResult>>)GetDueForGallringAsync)
            .Describe("GetDueForGallring", "Cases due for gallring",
                "Closed cases whose retention has passed on ?asOf= (a Swedish calendar day, yyyy-MM-dd; today unless given) under the rule ?recordKind=SocialServices|Lss|HealthCare, kept ?years= (the law's minimum unless given); ?pageSize= (1-1000, 100 unless given) and ?continuationToken= page through them.",
                BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable)
            .Produces<SipGallringPage>(StatusCodes.Status200OK, "application/json");

        group.MapGet("/events", (Func<HttpContext, Task<IResult>>)ReadEventsAsync)
            .Describe("ReadEvents", "The event feed",
                "Every case's events and every purged case's tombstone, in one order every reader sees, after ?after= (the last position handled; 0 or none: from the start); ?maxCount= (1-1000, 100 unless given). Fewer than asked means caught up for now.",
                BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable)
            .Produces<IReadOnlyList<SipFeedEntry>>(StatusCodes.Status200OK, "application/json");

        // Only where the host registered the indicators (AddSipIndicators): they need a store that keeps their projection.
        if (group.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(SipIndicators)) == true)
        {
            group.MapGet("/indicators", (Func<HttpContext, Task<IResult>>)GetIndicatorsAsync)
                .Describe("GetIndicators", "Indicators of the SIP process",
                    "Aggregate indicators from the history for the months ?first= to ?last= (yyyy-MM; last defaults to first), for the cases ?principal= (Municipality|Region), ?unit= (the identifying unit's identifier or name), ?policy= and ?origin= (Outpatient|InpatientDischarge|School|SocialServices) pick; numbers below the minimum cell size are suppressed. JSON, or CSV with ?format=csv.",
                    BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable)
                .Produces<SipIndicatorReport>(StatusCodes.Status200OK, "application/json")
                .Produces<string>(StatusCodes.Status200OK, "text/csv");
        }

        group.MapPost("/cases/{caseId}/purge", PurgeCaseAsync)
            .Describe("PurgeCase", "Purge a case (gallring)",
                "Removes a closed case whose retention has passed, with its history, and leaves a sealed tombstone naming the authenticated user. The body gives the rule, the last entry in the individual's record and the confirmation that no exception of the law keeps the record.",
                BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable)
            .Accepts<PurgeCase>("application/json")
            .Produces<SipTombstone>(StatusCodes.Status200OK, "application/json");
    }

    private static async Task<IResult> VerifyStoreAsync(HttpContext context)
    {
        if (await NoActorAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var since = await SipEndpointConventions.ReadJsonAsync<SipStoreCheckpoint>(context, "store checkpoint").ConfigureAwait(false);
        return SipEndpointConventions.Json(await context.Workflow().VerifyStoreAsync(since, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> GetDueForGallringAsync(HttpContext context)
    {
        if (await NoActorAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var request = context.Request;
        var kind = SipEndpointConventions.Parse<SipRecordKind>(request, "recordKind",
                text => Enum.TryParse<SipRecordKind>(text, ignoreCase: true, out var k) && Enum.IsDefined(k) && !char.IsAsciiDigit(text[0]) ? k : null,
                "SocialServices, Lss or HealthCare")
            ?? throw new ArgumentException("'recordKind' is required: the kind of record the host's SIPs fall under (SocialServices, Lss or HealthCare).", "recordKind");
        var rule = SipRetentionRule.For(kind);
        if (SipEndpointConventions.Parse<int>(request, "years", text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
                "a whole number of years") is { } years && years != rule.Years)
        {
            try
            {
                rule = rule.KeptFor(years);
            }
            catch (InvalidOperationException e)
            {
                // Social services and LSS records must be culled after the law's years: a longer period is bad input here.
                throw new ArgumentException(e.Message, "years", e);
            }
        }

        var asOf = SipEndpointConventions.Parse<DateOnly>(request, "asOf",
                text => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
                "a calendar day as yyyy-MM-dd")
            ?? SipLegalReferences.SwedishDateOf((context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow());
        var pageSize = SipEndpointConventions.PageSize(request);
        string? token = request.Query["continuationToken"];
        return SipEndpointConventions.Json(
            await context.Workflow().GetDueForGallringAsync(rule, asOf, pageSize, token, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> ReadEventsAsync(HttpContext context)
    {
        if (await NoActorAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var request = context.Request;
        var after = SipEndpointConventions.Parse<long>(request, "after",
            text => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null, "a position: a whole number, 0 or more") ?? 0;
        var maxCount = SipEndpointConventions.PageSize(request, "maxCount");
        return SipEndpointConventions.Json(await context.Workflow().ReadEventsAsync(after, maxCount, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> GetIndicatorsAsync(HttpContext context)
    {
        if (await NoActorAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var request = context.Request;
        static SipYearMonth? Month(string text) => text.Length == 7 && SipYearMonth.TryParse(text, out var m) ? m : null;
        var first = SipEndpointConventions.Parse<SipYearMonth>(request, "first", Month, "a month as yyyy-MM")
            ?? throw new ArgumentException("'first' is required: the first month of the report, as yyyy-MM.", "first");
        var last = SipEndpointConventions.Parse<SipYearMonth>(request, "last", Month, "a month as yyyy-MM") ?? first;
        var filter = new SipIndicatorFilter
        {
            Principal = SipEndpointConventions.Parse<PrincipalKind>(request, "principal", Named<PrincipalKind>, "Municipality or Region"),
            Origin = SipEndpointConventions.Parse<OriginKind>(request, "origin", Named<OriginKind>, "Outpatient, InpatientDischarge, School or SocialServices"),
            Unit = Text(request, "unit"),
            Policy = Text(request, "policy"),
        };
        var csv = Text(request, "format") switch
        {
            null or "json" => false,
            "csv" => true,
            _ => throw new ArgumentException("'format' must be json or csv.", "format"),
        };
        var report = await context.RequestServices.GetRequiredService<SipIndicators>()
            .GetIndicatorsAsync(new SipIndicatorPeriod(first, last), filter, context.RequestAborted).ConfigureAwait(false);
        return csv ? Results.Text(report.ToCsv(), "text/csv; charset=utf-8") : Results.Text(report.ToJson(), "application/json; charset=utf-8");

        static T? Named<T>(string text)
            where T : struct, Enum
            => Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0]) ? value : null;

        static string? Text(HttpRequest request, string name) => request.Query[name] is { Count: > 0 } values ? values[0] : null;
    }

    // These read every case or remove one: like a command, they need a user the host lets act on SIP cases, even where the
    // host forgot to protect the group.
    private static async Task<IResult?> NoActorAsync(HttpContext context)
        => (await SipEndpointConventions.ActorAsync(context).ConfigureAwait(false)).Problem;

    private static async Task<IResult> PurgeCaseAsync(SipCaseId caseId, HttpContext context)
    {
        var (actor, noActor) = await SipEndpointConventions.ActorAsync(context).ConfigureAwait(false);
        if (actor is null)
        {
            return noActor!;
        }

        var request = await SipEndpointConventions.ReadJsonAsync<PurgeCase>(context, nameof(PurgeCase)).ConfigureAwait(false)
            ?? throw new ArgumentException(
                "The body of PurgeCase is missing: send the rule, the record's last entry and the confirmation that no retention exception applies.", "body");
        var tombstone = await context.Workflow().PurgeCaseAsync(request with { CaseId = caseId, Actor = actor }, context.RequestAborted).ConfigureAwait(false);
        return SipEndpointConventions.Json(tombstone);
    }
}
