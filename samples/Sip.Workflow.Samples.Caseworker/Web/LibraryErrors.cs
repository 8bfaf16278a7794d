namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>
/// Turns what the library raises into words a caseworker understands. Every exception type the engine documents has
/// its answer here; what the caseworker cannot act on (a broken store) says whom to ask, and the exception itself goes to
/// the log, never to the page.
/// </summary>
internal static class LibraryErrors
{
    public static Notice Describe(Exception exception, Ui t) => exception switch
    {
        SipRequirementsNotMetException e => new Notice(
            t.S($"Steget ”{t.Step(e.Trigger)}” kan inte tas ännu", $"The step “{t.Step(e.Trigger)}” cannot be taken yet"),
            t.S("Inget har sparats. Det här saknas enligt lag, vägledning eller regional överenskommelse:",
                "Nothing was saved. This is missing under the law, guidance or the regional agreement:"),
            Unmet(e.UnmetRequirements, t)),
        SipInvalidStateException e => new Notice(
            t.S($"Steget ”{t.Step(e.Trigger)}” finns inte när ärendet är i läget ”{t.State(e.State)}”",
                $"The step “{t.Step(e.Trigger)}” does not exist while the case is “{t.State(e.State)}”"),
            t.S("Inget har sparats. I det här läget kan du:", "Nothing was saved. In this state you can:"),
            [.. e.PermittedTriggers.Select(p => new NoticeItem(t.Step(p)))]),
        SipConcurrencyException => Notice.Of(
            t.S("Någon annan ändrade ärendet samtidigt", "Someone else changed the case at the same time"),
            t.S("Inget har sparats. Läs ärendet igen och gör om steget om det fortfarande ska göras.",
                "Nothing was saved. Read the case again and repeat the step if it still applies.")),
        SipCaseNotFoundException => Notice.Of(
            t.S("Ärendet finns inte", "No such case"),
            t.S("Det finns inget SIP-ärende med den adressen. Sök det under Ärenden.", "There is no SIP case at this address. Look for it under Cases.")),
        SipIdempotencyConflictException => Notice.Of(
            t.S("Formuläret är redan skickat", "This form was already sent"),
            t.S("Det här formuläret har redan sparats en gång, med annat innehåll. Öppna steget på nytt från ärendet för att registrera något nytt.",
                "This form was saved once before, with other content. Open the step again from the case to record something new.")),
        SipCaseLimitExceededException => Notice.Of(
            t.S("Ärendet har nått sin maximala storlek", "The case has reached its size limit"),
            t.S("Inget har sparats. Avsluta SIP:en och starta en ny om samordningen ska fortsätta.",
                "Nothing was saved. Close the SIP and start a new one if coordination is to continue.")),
        SipUnknownPolicyException => Notice.Of(
            t.S("Ärendet följer en överenskommelse som systemet inte känner till", "The case follows an agreement this system does not know"),
            t.S("Inget har sparats. Kontakta systemförvaltningen: överenskommelsen behöver läggas till i inställningarna.",
                "Nothing was saved. Contact the system administrators: the agreement must be added to the settings.")),
        SipTransientStoreException { MayHaveBeenApplied: true } => Notice.Of(
            t.S("Databasen svarade inte färdigt", "The database did not finish answering"),
            t.S("Steget kan ha sparats. Titta i ärendets historik innan du försöker igen.",
                "The step may have been saved. Check the case's history before you try again.")),
        SipTransientStoreException => Notice.Of(
            t.S("Databasen är upptagen just nu", "The database is busy right now"),
            t.S("Inget har sparats. Försök igen om en stund.", "Nothing was saved. Try again in a moment.")),
        SipStorageException => Notice.Of(
            t.S("Databasen kan inte användas", "The database cannot be used"),
            t.S("Inget har sparats. Kontakta systemförvaltningen; felet är loggat.", "Nothing was saved. Contact the system administrators; the error is logged.")),
        ArgumentException e => new Notice(
            t.S("Uppgifterna godtogs inte", "The details were not accepted"),
            t.S("Inget har sparats. Rätta uppgiften och skicka igen.", "Nothing was saved. Correct the entry and send again."),
            [],
            SipRefusalText.Of(e)),
        _ => Notice.Of(
            t.S("Något gick fel", "Something went wrong"),
            t.S("Inget har sparats. Kontakta systemförvaltningen om det händer igen; felet är loggat.",
                "Nothing was saved. Contact the system administrators if it happens again; the error is logged.")),
    };

    /// <summary>
    /// The unmet requirements in the caseworker's language, from the library's catalogue, citing the law in force on the
    /// day they were checked (the engine's refusal carries the engine's language, which need not be the caseworker's).
    /// </summary>
    public static IReadOnlyList<NoticeItem> Unmet(IEnumerable<UnmetRequirement> unmet, Ui t)
        => [.. unmet.Select(u => SipRequirements.Find(u.Code) is { } requirement
            ? new NoticeItem(requirement.Text(t.Language), requirement.Code, requirement.CitationOn(u.AsOf))
            : new NoticeItem(u.Text, u.Code, u.LegalReference))];
}
