using System.Reflection;
using System.Runtime.CompilerServices;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Tests.Domain;

/// <summary>Personal data and plan text never reach a log through formatting, and personal identity numbers never reach the store.</summary>
public sealed class PrivacyTests
{
    // Records that hold no free text and no personal data may keep the compiler's ToString.
    private static readonly HashSet<Type> SafeToPrint =
    [
        typeof(SipPolicy), typeof(OrganisationReference), typeof(CaseOrigin), typeof(Attendance), typeof(Substitute), typeof(Participant),
        typeof(KinParticipation), typeof(LeadPrincipal), typeof(FollowUpBooking), typeof(SipActor), typeof(SipEvent), typeof(SipCaseQuery),
        typeof(SipCasePage), typeof(SipCommandResult), typeof(DueWorkItem), typeof(DueWorkPage), typeof(PermittedAction),
        typeof(UnmetRequirement), typeof(SipDeadline), typeof(SipAuditVerification), typeof(SipTombstone), typeof(SipCaseCheckpoint),
        typeof(SipStoreCheckpoint), typeof(SipCaseAnchor), typeof(SipStoreProblem), typeof(SipStoreVerification), typeof(SipGallringItem), typeof(SipGallringPage),
        typeof(SipStoreHealth), typeof(SipAccessRules),
    ];

    public static TheoryData<Type> PublicRecords() =>
    [
        .. typeof(SipCase).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetMethod("<Clone>$") is not null && !SafeToPrint.Contains(t))
            .OrderBy(t => t.Name),
    ];

    [Theory]
    [MemberData(nameof(PublicRecords))]
    public void Every_record_that_may_carry_personal_data_or_plan_text_prints_ids_and_codes_only(Type record)
    {
        var toString = record.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!;

        toString.GetCustomAttribute<CompilerGeneratedAttribute>().Should().BeNull(
            $"{record.Name}.ToString() must be written by hand so that no free text or personal data leaks into logs");
    }

    [Fact]
    public void Commands_print_their_kind_and_id_not_their_content()
    {
        var command = Sip.Workflow.TestUtilities.SipTestData.CompletePlan(SipCaseId.New(), Sip.Workflow.TestUtilities.SipTestData.Start) with { CommandId = CommandId.New() };

        command.ToString().Should().Be($"EstablishPlan {command.CommandId}");
        $"{new RecordFollowUp { CaseId = SipCaseId.New(), Actor = command.Actor, FollowUp = new FollowUpRecord { HeldAt = DateTimeOffset.UnixEpoch, Progress = "Mår sämre efter flytten" } }}".Should().NotContain("flytten");
    }

    [Theory]
    [InlineData("pnr:19121212-1212")]
    [InlineData("19121212\u20101212")]
    [InlineData("121212.1212")]
    [InlineData("\uFF11\uFF19\uFF11\uFF12\uFF11\uFF12\uFF11\uFF12\uFF11\uFF12\uFF11\uFF12")]
    [InlineData("Patient 121212-1212 avd 4")]
    public void A_personal_identity_number_hidden_in_a_reference_is_found(string value)
    {
        var subject = () => new SubjectReference(value);
        var guardian = () => new Individual { Reference = new SubjectReference("b-1"), IsChild = true, LegalGuardians = [value] };
        var giver = () => new RecordConsent
        {
            CaseId = SipCaseId.New(),
            Actor = Sip.Workflow.TestUtilities.SipTestData.FixedCareContact,
            Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Proxy, GiverReference = value, Form = ConsentForm.Written, GivenAt = Sip.Workflow.TestUtilities.SipTestData.Start },
        };

        subject.Should().Throw<ArgumentException>().WithMessage("*personal identity*");
        guardian.Should().Throw<ArgumentException>().WithParameterName("LegalGuardians[0]");
        giver.Should().Throw<ArgumentException>().WithParameterName("GiverReference");
    }

    [Theory]
    [InlineData("Vårdcentralen \u202Enedlås\u202C")]
    [InlineData("Rad\u2028två")]
    public void Text_that_can_disguise_itself_is_refused(string value)
    {
        var act = () => new OrganisationReference { Name = value };

        act.Should().Throw<ArgumentException>().WithParameterName("Name");
    }

    [Theory]
    [InlineData("Vård\u200Bcentralen Söder", "U+200B")]
    [InlineData("\u200EVårdcentralen Söder", "U+200E")]
    [InlineData("Vårdcentralen\u00ADSöder", "U+00AD")]
    [InlineData("Vårdcentralen Söder\uFEFF", "U+FEFF")]
    [InlineData("Vårdcentralen\u200D Söder", "U+200D")]
    public void A_name_with_an_invisible_character_is_refused_naming_the_character(string name, string character)
    {
        var organisation = () => new OrganisationReference { Name = name };
        var person = () => new ContactPerson { Name = name };
        var actor = () => new SipActor { UserId = "u-1", Organisation = name, Role = "kurator" };

        organisation.Should().Throw<ArgumentException>().WithParameterName("Name").WithMessage($"*{character}*invisible*");
        person.Should().Throw<ArgumentException>().WithParameterName("Name");
        actor.Should().Throw<ArgumentException>().WithParameterName("Organisation");
    }

    [Fact]
    public void A_name_is_stored_in_one_Unicode_form_so_that_it_reads_and_compares_as_typed()
    {
        var decomposed = "Va\u030Ardcentralen So\u0308der";

        new OrganisationReference { Name = decomposed }.Name.Should().Be("Vårdcentralen Söder");
        new ContactPerson { Name = "A\u030Asa E\u0301k" }.Name.Should().Be("Åsa Ék");
        new SipActor { UserId = "u-1", Organisation = decomposed, Role = "kurator" }.Organisation.Should().Be("Vårdcentralen Söder");
    }

    [Fact]
    public void A_booked_follow_up_never_shows_its_place()
    {
        var booking = new FollowUpBooking { At = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)), Place = "Hemma hos Per, Storgatan 1" };

        booking.ToString().Should().Be("FollowUpBooking (2026-06-01 08:00Z)");
        $"{new SipPlanSnapshotProbe(booking)}".Should().NotContain("Storgatan");
    }

    private sealed record SipPlanSnapshotProbe(FollowUpBooking Booking);

    [Theory]
    [InlineData("کلینیک\u200Cها")] // a Persian zero-width non-joiner is part of ordinary text
    [InlineData("Ärende Ωmega 東京")]
    public void Text_in_any_script_is_kept_verbatim(string value)
        => new OrganisationReference { Name = value }.Name.Should().Be(value);
}
