namespace Sip.Workflow;

/// <summary>
/// The provisions and documents the requirements catalogue cites, each with the period it is in force, and the date
/// rule that picks the ones in force for an event.
/// </summary>
public static class SipLegalReferences
{
    /// <summary>The day socialtjänstlagen (2025:400) replaced socialtjänstlagen (2001:453) (prop. 2024/25:89).</summary>
    public static DateOnly NewSocialServicesActInForce { get; } = new(2025, 7, 1);

    /// <summary>16 kap. 4 § hälso- och sjukvårdslagen (2017:30): the individual plan, for health care.</summary>
    public static SipLegalReference HealthCareAct { get; } = Statute("hälso- och sjukvårdslagen", "2017:30", "HSL", 16, "4");

    /// <summary>2 kap. 7 § socialtjänstlagen (2001:453): the individual plan, for social services, until 30 June 2025.</summary>
    public static SipLegalReference OldSocialServicesAct { get; } = Statute("socialtjänstlagen", "2001:453", "SoL", 2, "7") with
    {
        ValidTo = NewSocialServicesActInForce.AddDays(-1),
    };

    /// <summary>10 kap. 8 § socialtjänstlagen (2025:400): the individual plan, its consent and content, from 1 July 2025.</summary>
    public static SipLegalReference SocialServicesActPlan { get; } = Statute("socialtjänstlagen", "2025:400", "SoL", 10, "8") with
    {
        ValidFrom = NewSocialServicesActInForce,
    };

    /// <summary>10 kap. 9 § socialtjänstlagen (2025:400): the plan made with the individual; next of kin, from 1 July 2025.</summary>
    public static SipLegalReference SocialServicesActParticipation { get; } = Statute("socialtjänstlagen", "2025:400", "SoL", 10, "9") with
    {
        ValidFrom = NewSocialServicesActInForce,
    };

    /// <summary>
    /// 16 kap. 1 § socialtjänstlagen (2025:400): a personakt is culled (<i>gallras</i>) five years after its last entry, finished
    /// by the end of the next calendar year; 16 kap. 2 and 2 a §§ list what is kept instead.
    /// </summary>
    public static SipLegalReference SocialServicesCulling { get; } = Statute("socialtjänstlagen", "2025:400", "SoL", 16, "1") with
    {
        ValidFrom = NewSocialServicesActInForce,
        Note = "Undantag i 16 kap. 2 och 2 a §§ SoL (bl.a. utredning om faderskap, föräldraskap eller adoption, placering av barn, utredning om barns skydd).",
    };

    /// <summary>
    /// 21 c § lagen (1993:387) om stöd och service till vissa funktionshindrade: a personakt is culled five years after its last
    /// entry, finished by the end of the next calendar year; 21 d § lists what is kept instead.
    /// </summary>
    public static SipLegalReference LssCulling { get; } = Statute("lagen om stöd och service till vissa funktionshindrade", "1993:387", "LSS", null, "21 c") with
    {
        Note = "Undantag i 21 d § LSS (bl.a. placering av barn).",
    };

    /// <summary>3 kap. 17 § patientdatalagen (2008:355): patient records are kept at least ten years after the last entry.</summary>
    public static SipLegalReference PatientRecordRetention { get; } = Statute("patientdatalagen", "2008:355", "PDL", 3, "17") with
    {
        Note = "En lägsta tid: gallring därefter följer huvudmannens beslut enligt arkivlagen.",
    };

    /// <summary>12 kap. 2 § offentlighets- och sekretesslagen (2009:400): the individual may waive secrecy that protects them.</summary>
    public static SipLegalReference SecrecyWaiver { get; } = Statute("offentlighets- och sekretesslagen", "2009:400", "OSL", 12, "2");

    /// <summary>12 kap. 3 § offentlighets- och sekretesslagen (2009:400): a minor's secrecy, also towards the guardians.</summary>
    public static SipLegalReference SecrecyOfMinors { get; } = Statute("offentlighets- och sekretesslagen", "2009:400", "OSL", 12, "3");

    /// <summary>6 kap. 12 § patientsäkerhetslagen (2010:659): the duty of confidentiality in private health care.</summary>
    public static SipLegalReference PrivateCareConfidentiality { get; } = Statute("patientsäkerhetslagen", "2010:659", "PSL", 6, "12") with
    {
        Note = "För enskilda vårdgivare (privat hälso- och sjukvård), där OSL inte gäller.",
    };

    /// <summary>6 kap. 2 § föräldrabalken: a child is in custody until 18; then the guardians' consents lapse.</summary>
    public static SipLegalReference CustodyUntilEighteen { get; } = Statute("föräldrabalken", null, "FB", 6, "2");

    /// <summary>6 kap. 11 § föräldrabalken: the guardian decides the child's personal matters.</summary>
    public static SipLegalReference GuardianDecides { get; } = Statute("föräldrabalken", null, "FB", 6, "11");

    /// <summary>6 kap. 13 § första stycket föräldrabalken: two guardians decide together.</summary>
    public static SipLegalReference GuardiansDecideTogether { get; } = Statute("föräldrabalken", null, "FB", 6, "13", "första stycket") with
    {
        Note = "Undantag: 6 kap. 13 § andra stycket (den ena vårdnadshavaren är förhindrad och beslutet kan inte skjutas upp) och 6 kap. 13 a § (socialnämndens beslut) FB.",
    };

    /// <summary>6 kap. 13 § andra stycket föräldrabalken: one guardian decides alone when the other is prevented and the matter cannot wait.</summary>
    public static SipLegalReference GuardianAloneWhenOtherPrevented { get; } = Statute("föräldrabalken", null, "FB", 6, "13", "andra stycket");

    /// <summary>6 kap. 13 a § föräldrabalken: the socialnämnd may decide that a measure goes ahead without one guardian's consent.</summary>
    public static SipLegalReference SocialWelfareBoardDecides { get; } = Statute("föräldrabalken", null, "FB", 6, "13 a") with
    {
        Note = "Gäller de insatser paragrafen räknar upp, när barnet har två vårdnadshavare och den ena inte samtycker.",
    };

    /// <summary>4 kap. lagen (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård ("samverkanslagen").</summary>
    public static SipLegalReference DischargeAct { get; } = Statute("lagen", "2017:612", "samverkanslagen", 4, null) with
    {
        TitleAfterSfs = "om samverkan vid utskrivning från sluten hälso- och sjukvård",
        Note = "Paragrafen (4 kap. 1 § eller 3 §) har inte kunnat bekräftas mot lagtexten; tidsfristen tre dagar efter underrättelsen bekräftas av Vårdhandboken (Utskrivningsklar).",
    };

    /// <summary>
    /// Lagen (2017:612) as a whole, for the transfer of information on the day of discharge: the provision could not be
    /// confirmed against the statute text, so no chapter or section is cited.
    /// </summary>
    public static SipLegalReference DischargeActInformation { get; } = Statute("lagen", "2017:612", "samverkanslagen", null, null) with
    {
        TitleAfterSfs = "om samverkan vid utskrivning från sluten hälso- och sjukvård",
        Note = "Bestämmelsen om informationsöverföring senast samma dag som patienten skrivs ut har inte kunnat bekräftas mot lagtexten; kapitel och paragraf anges därför inte.",
    };

    /// <summary>2 § lagen (1930:173) om beräkning av lagstadgad tid: a time limit ending on a Saturday, Sunday or holiday ends on the next weekday.</summary>
    public static SipLegalReference TimeLimitsAct { get; } = Statute("lagen", "1930:173", null, null, "2") with
    {
        TitleAfterSfs = "om beräkning av lagstadgad tid",
        Note = "Lördag, söndag, allmän helgdag (lag (1989:253)), midsommarafton, julafton och nyårsafton.",
    };

    /// <summary>The individual plan, as the law of the day holds it: HSL, and the social services act in force.</summary>
    internal static SipLegalReference[] Plan { get; } = [HealthCareAct, OldSocialServicesAct, SocialServicesActPlan];

    /// <summary>The plan made with the individual, and next of kin, as the law of the day holds it.</summary>
    internal static SipLegalReference[] Participation { get; } = [HealthCareAct, OldSocialServicesAct, SocialServicesActParticipation];

    /// <summary>A provision of a statute.</summary>
    private static SipLegalReference Statute(string title, string? sfs, string? shortTitle, int? chapter, string? section, string? part = null) => new()
    {
        Kind = RequirementSource.Law, Title = title, Sfs = sfs, ShortTitle = shortTitle, Chapter = chapter, Section = section, Part = part,
    };

    /// <summary>A guidance document or regional agreement.</summary>
    internal static SipLegalReference Document(RequirementSource kind, string title, string? detail = null) => new() { Kind = kind, Title = title, Detail = detail };

    /// <summary>
    /// The Swedish calendar date of an instant: Swedish time is UTC+1, and UTC+2 from the last Sunday of March to the
    /// last Sunday of October (01:00 UTC each), the EU rule Sweden follows. Computed, not read from the machine's time
    /// zone data, so every host cites the same law for the same instant.
    /// </summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The date in Sweden at that instant.</returns>
    public static DateOnly SwedishDateOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return DateOnly.FromDateTime(utc.AddHours(SwedishOffsetHours(utc)));
    }

    /// <summary>
    /// An instant as Swedish local time (the offset of <see cref="SwedishDateOf"/>'s rule): what a document shows and what
    /// Swedish national contracts, which carry no time zone, expect.
    /// </summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The same instant with Sweden's offset at that instant.</returns>
    public static DateTimeOffset SwedishTimeOf(DateTimeOffset instant)
        => instant.ToOffset(TimeSpan.FromHours(SwedishOffsetHours(instant.UtcDateTime)));

    /// <summary>The instant a Swedish calendar day begins (midnight Swedish time; never in the hour the clocks skip).</summary>
    internal static DateTimeOffset SwedishStartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var summer = midnight.AddHours(-2);
        var offset = SwedishOffsetHours(summer) == 2 ? 2 : 1;
        return new DateTimeOffset(midnight.AddHours(-offset), TimeSpan.Zero);
    }

    private static int SwedishOffsetHours(DateTime utc)
    {
        // Every command asks (its Swedish date, its deadlines), nearly always about the same year: that year's summer time
        // is worked out once and kept. An immutable object, read and replaced whole, so threads need no lock.
        var summer = s_summerTime;
        if (summer is null || summer.Year != utc.Year)
        {
            s_summerTime = summer = new SummerTime(utc.Year);
        }

        return utc >= summer.Starts && utc < summer.Ends ? 2 : 1;
    }

    private static SummerTime? s_summerTime;

    /// <summary>When Swedish summer time starts and ends in a year (UTC): the last Sundays of March and October, 01:00.</summary>
    private sealed class SummerTime(int year)
    {
        public int Year { get; } = year;

        public DateTime Starts { get; } = LastSunday(year, 3).AddHours(1);

        public DateTime Ends { get; } = LastSunday(year, 10).AddHours(1);

        private static DateTime LastSunday(int year, int month)
        {
            var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
            return last.AddDays(-(int)last.DayOfWeek);
        }
    }
}
