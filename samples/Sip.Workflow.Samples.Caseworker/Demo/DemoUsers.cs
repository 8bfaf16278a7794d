namespace Sip.Workflow.Samples.Caseworker.Demo;

/// <summary>A demo caseworker: the name shown and the actor every command they send carries.</summary>
internal sealed record DemoUser(string Name, string Title, SipActor Actor);

/// <summary>
/// Who is working: a real host takes this from its login. The demo lets you switch between three caseworkers (a cookie
/// remembers the choice), so the history shows who did what and two browsers can be two people.
/// </summary>
internal static class DemoUsers
{
    public const string Cookie = "sip-demo-user";

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new("Eva Berg", "distriktssköterska, fast vårdkontakt",
            new SipActor { UserId = "hsa-vcs-123", Organisation = "Vårdcentralen Söder", Role = "fast vårdkontakt" }),
        new("Omar Said", "biståndshandläggare",
            new SipActor { UserId = "kom-soc-456", Organisation = "Socialtjänsten, Halmstads kommun", Role = "biståndshandläggare" }),
        new("Anna Lind", "SIP-samordnare",
            new SipActor { UserId = "kom-sam-789", Organisation = "Hemtjänsten Söder, Halmstads kommun", Role = "samordnare" }),
    ];

    public static DemoUser Current(HttpContext context)
        => Find(context.Request.Cookies[Cookie]) ?? All[0];

    public static DemoUser? Find(string? userId) => All.FirstOrDefault(u => u.Actor.UserId == userId);
}
