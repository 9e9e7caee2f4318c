using System.Text.RegularExpressions;
using Kamino.WorkTasks;
using Microsoft.Playwright;

namespace Kamino.Host.Tests.WorkTasks;

/// <summary>A task's life in a real browser: a Director assigns it, the KAM is notified, finds it and closes it.</summary>
public sealed class TasksBrowserTests(TeamServer fixture) : ChromiumTests, IClassFixture<TeamServer>
{

    [Fact]
    public async Task DirectorCreatesATaskForAKam_TheKamIsNotified_SeesItUnderMyTasks_AndMarksItDone()
    {
        var kamId = await fixture.UserIdAsync(TeamServer.Kam1);
        await using (var directorContext = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" }))
        {
            var director = await directorContext.NewPageAsync();
            await Support.Browser.SignInAsync(director, fixture.Server.Address, "w/acme/tasks", TeamServer.Director, KaminoTestServer.Password);
            await Expect(director.GetByTestId("page-workspace")).ToHaveTextAsync("Acme Foods");

            await director.GetByTestId("new-title").FillAsync("Renew the Alpha contract");
            await director.GetByTestId("new-description").FillAsync("Prices go up in June.");
            await director.GetByTestId("new-account").SelectOptionAsync("C1");
            await director.GetByTestId("new-assignee").SelectOptionAsync(kamId);
            await director.GetByTestId("new-department").SelectOptionAsync(nameof(Department.Sales));
            await director.GetByTestId("new-due").FillAsync("2031-06-01");
            await director.GetByTestId("create-task").ClickAsync();
            // The form posts and the page redirects to its tab: leaving before that would abandon the post.
            await director.WaitForURLAsync(new System.Text.RegularExpressions.Regex("tab=mine"));

            await director.GetByTestId("tab-team").ClickAsync();
            await Expect(director.GetByTestId("tasks")).ToContainTextAsync("Renew the Alpha contract");
        }

        await using var kamContext = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var kam = await kamContext.NewPageAsync();
        await Support.Browser.SignInAsync(kam, fixture.Server.Address, "w/acme", TeamServer.Kam1, KaminoTestServer.Password);
        await Expect(kam.GetByTestId("unread-count")).ToHaveTextAsync("1");

        await kam.GetByTestId("nav-notifications").ClickAsync();
        await Expect(kam.GetByTestId("notifications")).ToContainTextAsync("assigned you a task: Renew the Alpha contract");
        await kam.GetByTestId("notification-text").First.ClickAsync();
        await kam.WaitForURLAsync(new Regex("/w/acme/tasks/[0-9]+$"));

        var row = kam.Locator("tr.focus");
        await Expect(row).ToContainTextAsync("Renew the Alpha contract");
        await Expect(kam.GetByTestId("tab-mine")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("Open");
        await kam.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "tasks.png"), Animations = ScreenshotAnimations.Disabled });

        await row.GetByTestId("done").ClickAsync();

        await Expect(kam.Locator("tr", new PageLocatorOptions { HasText = "Renew the Alpha contract" }).GetByTestId("status")).ToHaveTextAsync("Done");
        await using var db = fixture.Db();
        Assert.Equal(WorkTaskStatus.Done, db.Tasks.Single(t => t.Title == "Renew the Alpha contract").Status);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
