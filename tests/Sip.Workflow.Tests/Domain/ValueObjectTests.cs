using System.Text.Json;

namespace Sip.Workflow.Tests.Domain;

public sealed class ValueObjectTests
{
    [Theory]
    [InlineData("19121212-1212")]
    [InlineData("191212121212")]
    [InlineData("121212-1212")]
    [InlineData("1212121212")]
    [InlineData("121212+1212")]
    [InlineData("701063-2391")] // a coordination number: day + 60
    [InlineData("19121212-1213")] // a wrong check digit still identifies the person
    public void A_personal_identity_number_is_never_accepted_as_a_subject_reference(string number)
    {
        var act = () => new SubjectReference(number);

        act.Should().Throw<ArgumentException>().WithParameterName("reference").WithMessage("*personal identity*");
    }

    [Fact]
    public void A_personal_identity_number_in_json_is_refused_at_its_place_without_echoing_it()
    {
        foreach (var (json, options, path) in new[]
        {
            ("""{"reference": {"value": "19121212-1212"}, "isChild": false}""", JsonSerializerOptions.Web, "$.reference"),
            ("""{"Reference": {"Value": "19121212-1212"}, "IsChild": false}""", JsonSerializerOptions.Default, "$.Reference"),
        })
        {
            var act = () => JsonSerializer.Deserialize<Individual>(json, options);

            var refused = act.Should().Throw<JsonException>().Which;
            refused.Path.Should().Be(path);
            refused.Message.Should().Contain("personal identity").And.NotContain("1212");
            refused.InnerException.Should().BeOfType<ArgumentException>().Which.ParamName.Should().Be("reference");
        }
    }

    [Fact]
    public void A_subject_reference_keeps_its_json_form()
    {
        var reference = new SubjectReference("patient-7f3a");

        JsonSerializer.Serialize(reference, JsonSerializerOptions.Web).Should().Be("""{"value":"patient-7f3a"}""");
        JsonSerializer.Deserialize<SubjectReference>("""{"Value":"patient-7f3a"}""", JsonSerializerOptions.Web).Should().Be(reference);
    }

    [Theory]
    [InlineData("patient-7f3a")]
    [InlineData("1234")]
    [InlineData("Ärende 2026/117 — Ålund")]
    [InlineData("'; DROP TABLE cases; --")]
    public void Any_other_opaque_key_is_kept_verbatim(string value)
        => new SubjectReference(value).Value.Should().Be(value);

    [Fact]
    public void A_subject_reference_never_shows_its_value_when_formatted()
    {
        var reference = new SubjectReference("patient-7f3a");
        var sipCase = Sip.Workflow.TestUtilities.StoreData.NewCase(subject: "patient-7f3a");

        reference.ToString().Should().NotContain("7f3a");
        $"{reference}".Should().NotContain("7f3a");
        sipCase.ToString().Should().NotContain("7f3a");
        (SipTestIndividual() with { }).ToString().Should().NotContain("7f3a");
    }

    private static Individual SipTestIndividual() => new() { Reference = new SubjectReference("patient-7f3a") };

    public static TheoryData<string?, string> BadTexts() => new()
    {
        { null, "required" },
        { "", "empty or only white space" },
        { "   \t ", "empty or only white space" },
        { new string('x', SipLimits.NameMaxLength + 1), "at most 200" },
        { "Vård\u0007centralen", "U+0007" },
        { "rad ett\nrad två", "U+000A" },
        { "\uD800x", "surrogate" },
    };

    [Theory]
    [MemberData(nameof(BadTexts))]
    public void A_bad_name_is_refused_naming_the_argument_and_what_is_allowed(string? text, string why)
    {
        var act = () => new OrganisationReference { Name = text! };

        act.Should().Throw<ArgumentException>().WithParameterName("Name").WithMessage($"*{why}*");
    }

    [Fact]
    public void Free_text_may_span_lines_but_not_hold_other_control_characters()
    {
        var goal = new Goal { Id = GoalId.New(), Horizon = GoalHorizon.LongTerm, Text = "Rad ett\r\nRad två\tmed tabb" };

        goal.Text.Should().Contain("\r\n");
        var act = () => goal with { Text = "Rad\0noll" };
        act.Should().Throw<ArgumentException>().WithParameterName("Text");
        var tooLong = () => goal with { Text = new string('x', SipLimits.LongTextMaxLength + 1) };
        tooLong.Should().Throw<ArgumentException>().WithMessage("*at most 4000*");
    }

    [Fact]
    public void An_undefined_enum_value_is_refused_listing_the_allowed_values()
    {
        var act = () => new Participant
        {
            Id = ParticipantId.New(), Organisation = new OrganisationReference { Name = "X" }, Kind = (ParticipantKind)99, Role = ParticipationRole.Invited,
        };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Kind").WithMessage("*SocialServices*");
    }

    [Fact]
    public void A_consent_scope_must_name_at_least_one_defined_scope()
    {
        Consent Make(ConsentScope scope) => new()
        {
            Id = ConsentId.New(), Scope = scope, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Written, GivenAt = Sip.Workflow.TestUtilities.SipTestData.Start,
        };

        ((Action)(() => Make(ConsentScope.None))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Scope");
        ((Action)(() => Make((ConsentScope)8))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Scope");
        Make(ConsentScope.All).Covers(ConsentScope.InformationSharing).Should().BeTrue();
    }

    [Fact]
    public void The_empty_id_is_refused()
    {
        var act = () => new Goal { Id = default, Horizon = GoalHorizon.LongTerm, Text = "x" };

        act.Should().Throw<ArgumentException>().WithParameterName("Id").WithMessage("*GoalId.New()*");
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2201)]
    public void Absurd_dates_are_refused(int year)
    {
        var act = () => new FollowUpBooking { At = new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero), Place = "Digitalt" };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("At").WithMessage("*between 1900-01-01 and 2200-12-31*");
    }

    [Fact]
    public void A_list_a_host_keeps_changing_afterwards_does_not_change_the_value()
    {
        var questions = new List<string> { "Vilket stöd behövs?" };
        var meeting = Sip.Workflow.TestUtilities.SipTestData.PlanMeeting(Sip.Workflow.TestUtilities.SipTestData.Start) with { Questions = questions };

        questions.Add("Smuggled in later");

        meeting.Questions.Should().ContainSingle();
    }

    [Fact]
    public void Too_many_items_are_refused()
    {
        var act = () => new SipPlan { Goals = [.. Enumerable.Range(0, SipLimits.MaxItems + 1).Select(_ => new Goal { Id = GoalId.New(), Horizon = GoalHorizon.ShortTerm, Text = "g" })] };

        act.Should().Throw<ArgumentException>().WithParameterName("Goals").WithMessage("*at most 200*");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(9 * 60)]
    public void A_meeting_time_frame_outside_15_minutes_to_8_hours_is_refused(int minutes)
    {
        var act = () => Sip.Workflow.TestUtilities.SipTestData.PlanMeeting(Sip.Workflow.TestUtilities.SipTestData.Start) with { Duration = TimeSpan.FromMinutes(minutes) };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Duration");
    }

    [Fact]
    public void A_digital_link_must_be_an_absolute_web_link()
    {
        var act = () => Sip.Workflow.TestUtilities.SipTestData.PlanMeeting(Sip.Workflow.TestUtilities.SipTestData.Start) with { DigitalLink = new Uri("file:///etc/passwd") };

        act.Should().Throw<ArgumentException>().WithParameterName("DigitalLink");
    }

    [Fact]
    public void A_child_has_at_most_two_distinct_legal_guardians()
    {
        var three = () => new Individual { Reference = new SubjectReference("x"), IsChild = true, LegalGuardians = ["a", "b", "c"] };
        var same = () => new Individual { Reference = new SubjectReference("x"), IsChild = true, LegalGuardians = ["vh-1", " VH-1 "] };

        three.Should().Throw<ArgumentException>().WithParameterName("LegalGuardians").WithMessage("*at most 2*");
        same.Should().Throw<ArgumentException>().WithParameterName("LegalGuardians").WithMessage("*same guardian twice*");
    }
}
