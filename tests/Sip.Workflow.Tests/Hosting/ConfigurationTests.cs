using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Hosting;

/// <summary>
/// <c>AddSipWorkflow(configuration.GetSection("Sip"))</c>: the policy by preset key plus overrides, known policies, the
/// language and the limits from appsettings-style keys; every key used or reported at start; the presets never changed.
/// </summary>
public sealed class ConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IConfigurationSection Sip(params (string Key, string? Value)[] settings)
        => new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create("Sip:" + s.Key, s.Value)))
            .Build()
            .GetSection("Sip");

    private static SipWorkflowOptions Bound(IConfigurationSection section, Action<SipWorkflowOptions>? configure = null)
    {
        var services = new ServiceCollection();
        (configure is null ? services.AddSipWorkflow(section) : services.AddSipWorkflow(section, configure)).UseInMemoryStore();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SipWorkflowOptions>>().Value;
    }

    private static async Task<string> StartFailsAsync(IConfigurationSection section)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSipWorkflow(section).UseInMemoryStore();
        using var host = builder.Build();
        var start = () => host.StartAsync(Ct);
        return (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message;
    }

    [Theory]
    [InlineData("RegionHalland")]
    [InlineData("regionhalland")]
    [InlineData("Region Halland")]
    public void A_policy_named_by_its_preset_key_or_name_is_that_preset(string value)
        => Bound(Sip(("Policy", value))).Policy.Should().Be(SipPolicy.RegionHalland);

    [Fact]
    public void A_policy_section_starts_from_its_preset_and_changes_only_the_keys_given()
    {
        var options = Bound(Sip(
            ("Policy:Preset", "RegionHalland"),
            ("Policy:Name", "Halland, Kungsbacka"),
            ("Policy:StartWithin", "3.00:00:00"),
            ("Policy:FirstMeetingWithin", "P20D"),
            ("Policy:SummonsReplyWithin", "")));

        options.Policy.Should().Be(SipPolicy.RegionHalland with
        {
            Name = "Halland, Kungsbacka", StartWithin = TimeSpan.FromDays(3), FirstMeetingWithin = TimeSpan.FromDays(20),
        });
    }

    [Fact]
    public void Binding_never_changes_a_preset_whichever_binder_is_used()
    {
        // The general binder writes into the instance the options hold; with the presets shared, that instance was
        // SipPolicy.NationalGuidance itself, and every engine in the process changed with it.
        var section = Sip(("Policy:StartWithin", "1.00:00:00"), ("Policy:RequireGoals", "false"));
        var services = new ServiceCollection();
        services.Configure<SipWorkflowOptions>(section);
        using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IOptions<SipWorkflowOptions>>().Value.Policy.StartWithin.Should().Be(TimeSpan.FromDays(1));
        }

        Bound(Sip(("Policy:Preset", "NationalGuidance"), ("Policy:Name", "Egen"), ("Policy:StartWithin", "2.00:00:00")));

        SipPolicy.NationalGuidance.StartWithin.Should().Be(TimeSpan.FromDays(5));
        SipPolicy.NationalGuidance.RequireGoals.Should().BeTrue();
        SipPolicy.Presets.Should().Equal(SipPolicy.NationalMinimum, SipPolicy.NationalGuidance, SipPolicy.RegionHalland, SipPolicy.VastraGotaland);
        new SipWorkflowOptions().Policy.Should().Be(SipPolicy.NationalGuidance);
    }

    [Fact]
    public void Every_policy_setting_can_be_set_from_configuration()
    {
        // Found by reflection, so a new rule of SipPolicy cannot be left out of configuration.
        var settings = typeof(SipPolicy).GetProperties()
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => p.Name)
            .ToList();
        var options = Bound(Sip(
            ("Policy:Preset", "NationalMinimum"),
            ("Policy:Name", "Alla regler"),
            ("Policy:StartWithin", "2.00:00:00"),
            ("Policy:FirstMeetingWithin", "20.00:00:00"),
            ("Policy:DischargeSummonsWithin", "2.00:00:00"),
            ("Policy:DeadlinesMoveToNextWeekday", "false"),
            ("Policy:RequireFollowUpAfterAdmission", "true"),
            ("Policy:FollowUpWithin", "180.00:00:00"),
            ("Policy:RequireClosingByEachPrincipal", "true"),
            ("Policy:ClosingDocumentedWithin", "10.00:00:00"),
            ("Policy:SummonsReplyWithin", "2.00:00:00"),
            ("Policy:PlanDocumentedWithin", "3.00:00:00"),
            ("Policy:PlanDistributedWithin", "4.00:00:00"),
            ("Policy:EarlyFollowUpWithin", "10.00:00:00"),
            ("Policy:FollowUpDecisionWithin", "5.00:00:00"),
            ("Policy:FollowUpGracePeriod", "1.00:00:00"),
            ("Policy:SchoolIsCalledPrincipal", "true"),
            ("Policy:RequireBothPrincipals", "false"),
            ("Policy:ChildConsentFromAge", "13"),
            ("Policy:CourtAppointedRepresentativeMayConsent", "true"),
            ("Policy:AlwaysOfferAtDischarge", "true"),
            ("Policy:RequireSummonsPurpose", "true"),
            ("Policy:RequireSummonsLongTermGoal", "true"),
            ("Policy:RequireSummonsQuestions", "true"),
            ("Policy:RequireGoals", "true"),
            ("Policy:RequireInterventionDetails", "true"),
            ("Policy:RequireWhatMatters", "true"),
            ("Policy:RequireFollowUpBooked", "true"),
            ("Policy:RequireCoordinator", "true")));

        var preset = SipPolicy.NationalMinimum;
        var unchanged = settings.Where(name => Equals(typeof(SipPolicy).GetProperty(name)!.GetValue(options.Policy), typeof(SipPolicy).GetProperty(name)!.GetValue(preset)));
        unchanged.Should().BeEmpty("every setting above differs from the preset, so each must have been bound");
        options.Validate().Should().BeEmpty();
    }

    [Fact]
    public async Task Known_policies_language_limits_and_keys_bind_and_two_policies_run_in_one_host()
    {
        var key = new byte[32];
        key[0] = 7;
        var retired = new byte[32];
        retired[0] = 9;
        var section = Sip(
            ("Policy", "NationalGuidance"),
            ("KnownPolicies:0", "VastraGotaland"),
            ("KnownPolicies:1:Preset", "NationalMinimum"),
            ("KnownPolicies:1:Name", "Kommunens egen"),
            ("KnownPolicies:1:RequireCoordinator", "true"),
            ("Language", "english"),
            ("MaxEventsPerCase", "2000"),
            ("AuditKeyId", "2026"),
            ("AuditKey", Convert.ToBase64String(key)),
            ("RetiredAuditKeys:2025", Convert.ToBase64String(retired)),
            ("UnkeyedHistoryBefore", "2026-01-01T00:00:00+01:00"),
            ("SealedHashForm", "3"));

        var options = Bound(section);

        options.KnownPolicies.Should().Equal(SipPolicy.VastraGotaland, SipPolicy.NationalMinimum with { Name = "Kommunens egen", RequireCoordinator = true });
        options.Language.Should().Be(SipLanguage.English);
        options.MaxEventsPerCase.Should().Be(2000);
        options.AuditKeyId.Should().Be("2026");
        options.AuditKey.Should().Equal(key);
        options.RetiredAuditKeys["2025"].Should().Equal(retired);
        options.UnkeyedHistoryBefore.Should().Be(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)));
        options.SealedHashForm.Should().Be(3);

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSipWorkflow(section).UseInMemoryStore();
        using var host = builder.Build();
        await host.StartAsync(Ct);
        var workflow = host.Services.GetRequiredService<ISipWorkflow>();
        var opened = await workflow.OpenCaseAsync(new OpenCase
        {
            Actor = SipTestData.FixedCareContact, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
            Policy = SipPolicy.VastraGotaland.Name,
        }, Ct);
        opened.Case.PolicyName.Should().Be(SipPolicy.VastraGotaland.Name);
        workflow.Policies.Select(p => p.Name).Should().Equal(SipPolicy.NationalGuidance.Name, SipPolicy.VastraGotaland.Name, "Kommunens egen");
        await host.StopAsync(Ct);
    }

    [Fact]
    public void Code_runs_after_configuration()
    {
        var options = Bound(Sip(("Policy", "RegionHalland"), ("Language", "English")), o => o.Language = SipLanguage.Swedish);

        options.Language.Should().Be(SipLanguage.Swedish);
        options.Policy.Should().Be(SipPolicy.RegionHalland);
    }

    [Fact]
    public async Task An_unknown_preset_stops_the_host_at_start_listing_the_presets()
    {
        // It used to be ignored: the engine ran under national guidance while the host believed it ran Halland's rules.
        var message = await StartFailsAsync(Sip(("Policy", "Halland")));

        message.Should().Contain("'Sip:Policy' names no preset").And.Contain("NationalMinimum, NationalGuidance, RegionHalland, VastraGotaland");
    }

    [Fact]
    public async Task Every_bad_key_is_reported_in_one_message_naming_the_key_and_what_it_allows()
    {
        var message = await StartFailsAsync(Sip(
            ("Polcy", "RegionHalland"),
            ("Language", "Klingon"),
            ("MaxEventsPerCase", "many"),
            ("KnownPolicies:0:Name", "Region Halland"),
            ("KnownPolicies:1:Preset", "VastraGotaland"),
            ("KnownPolicies:1:StartWithin", "three days"),
            ("KnownPolicies:1:Colour", "blue"),
            ("AuditKey", "not base64!"),
            ("UnkeyedHistoryBefore", "2026-01-01T00:00:00")));

        message.Should().Contain("'Sip:Polcy' is not a setting of the SIP workflow; allowed:").And.Contain("Policy")
            .And.Contain("'Sip:Language' is not one of Swedish, English")
            .And.Contain("'Sip:MaxEventsPerCase' is not a whole number")
            .And.Contain("'Sip:KnownPolicies:0:Preset' is required")
            .And.Contain("'Sip:KnownPolicies:1:StartWithin' is not a duration such as 3.00:00:00")
            .And.Contain("'Sip:KnownPolicies:1:Colour' is not a setting of a SIP policy; allowed:")
            .And.Contain("'Sip:AuditKey' is not Base64 text")
            .And.Contain("'Sip:UnkeyedHistoryBefore' is not a moment with its offset");
        message.Should().NotContain("not base64!", "a key's value is never repeated: it may be a secret");
    }

    [Fact]
    public async Task A_hash_form_the_engine_cannot_seal_in_stops_the_host_naming_what_it_allows()
    {
        var message = await StartFailsAsync(Sip(("Policy", "NationalGuidance"), ("SealedHashForm", "5")));

        message.Should().Contain("SealedHashForm is 5; allowed: 4 (the default) or 3");
    }

    [Fact]
    public async Task A_preset_adjusted_under_the_presets_own_name_stops_the_host()
    {
        // A case stores only the policy's name: under "Region Halland" with other rules, the same case would run under
        // different rules on a node that reads the name as the preset.
        var message = await StartFailsAsync(Sip(("Policy:Preset", "RegionHalland"), ("Policy:StartWithin", "3.00:00:00")));

        message.Should().Contain("Policy 'Region Halland' has the name of a preset but other rules (StartWithin)");
    }

    [Fact]
    public void Options_built_in_code_follow_the_same_rule_for_preset_names()
    {
        var options = new SipWorkflowOptions { Policy = SipPolicy.RegionHalland with { StartWithin = TimeSpan.FromDays(3) } };

        options.Validate().Should().ContainSingle().Which.Should().Contain("has the name of a preset but other rules (StartWithin)");
        new SipWorkflowOptions { Policy = SipPolicy.RegionHalland with { Name = "Halland, Kungsbacka", StartWithin = TimeSpan.FromDays(3) } }
            .Validate().Should().BeEmpty();
    }
}
