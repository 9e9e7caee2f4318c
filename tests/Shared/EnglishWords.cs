using System.Text.RegularExpressions;

namespace Kamino.Testing;

/// <summary>
/// Words of the app's English interface that Spanish never uses: a page in Spanish showing one of them has text
/// that was not translated (a label, a message, a default name, demo data, a date written the English way).
/// </summary>
public static partial class EnglishWords
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        // Words that carry most English sentences.
        "the", "and", "with", "your", "this", "that", "of", "to", "by", "from", "for", "not", "has", "have", "is", "are",
        "was", "been", "will", "can", "no-one", "or", "on", "at", "in", "it", "its", "an", "any", "each", "every", "than",
        // The interface's own words.
        "Save", "Cancel", "Delete", "Remove", "Add", "Edit", "Search", "Filter", "Customer", "Customers", "Revenue",
        "Task", "Tasks", "Due", "Owner", "Settings", "Members", "Member", "Notifications", "Overdue", "Sign", "Next",
        "Previous", "Loading", "None", "Key", "Dashboard", "Orders", "Order", "Health", "Alerts", "Team", "Contacts",
        "Contact", "Activities", "Activity", "Date", "Status", "Name", "Manager", "Yes", "Done", "Open", "Close",
        "Closed", "Back", "Show", "Hide", "More", "Less", "Page", "Items", "items", "Strategic", "Priority", "Standard",
        "Check-in", "check-in", "Checkins", "Mark", "Account", "Accounts", "Import", "Imports", "Compare", "Period",
        "Year", "Month", "Week", "Today", "Yesterday", "Tomorrow", "Monday", "Tuesday", "Wednesday", "Thursday",
        "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December", "Jan", "Feb", "Apr", "Aug", "Oct", "Dec", "Share", "Score",
        "Rating", "Criteria", "Criterion", "Tier", "Tiers", "Designate", "Designated", "Suggested", "Assigned",
        "assigned", "Approve", "Reject", "Approval", "Approvals", "Pending", "Fulfilled", "Cancelled", "Started",
        "Queue", "Discount", "Quantity", "Price", "Lines", "Line", "Notes", "Note", "Brand", "image", "Image",
        "Growth", "Satisfaction", "Meeting", "Call", "Visit", "Objective", "Objectives", "Strengths", "Weaknesses",
        "Opportunities", "Threats", "Print", "Download", "Upload", "Preview", "Undo", "Password", "address",
        "Remember", "Forgot", "Welcome", "Invite", "Invitation", "Role", "Department", "Supervisor", "Unread", "Read",
        "All", "Mine", "Snooze", "Acknowledge", "Dismiss", "Drop", "Since", "Weight", "Weights", "Time", "zone",
        "Currency", "Workspace", "Create", "New", "Details", "Summary", "Chart", "Class",
    };

    /// <summary>The known English words in <paramref name="text"/>, each with a little of the text around it.</summary>
    public static IReadOnlyList<string> In(string text)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text))
        {
            if (Known.Contains(m.Value) && seen.Add(m.Value))
            {
                var from = Math.Max(0, m.Index - 30);
                var to = Math.Min(text.Length, m.Index + m.Length + 30);
                found.Add($"\"{m.Value}\" in \"…{text[from..to].ReplaceLineEndings(" ")}…\"");
            }
        }

        return found;
    }

    [GeneratedRegex(@"[\p{L}][\p{L}-]*")]
    private static partial Regex Word();
}
