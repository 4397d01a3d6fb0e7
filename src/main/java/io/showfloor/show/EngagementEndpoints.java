package io.showfloor.show;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;

/** HTTP for polls and Q&A. */
final class EngagementEndpoints implements ApiRoutes {
  private final Polls polls;
  private final Questions questions;

  EngagementEndpoints(Polls polls, Questions questions) {
    this.polls = polls;
    this.questions = questions;
  }

  @Override
  public void mount(Api api) {
    api.on(
            "createPoll",
            r ->
                r.user()
                    .compose(c -> polls.create(c, r.pathLong("id"), r.body()))
                    .map(Reply::created))
        .on(
            "listPolls",
            r -> r.caller().compose(c -> polls.list(r.pathLong("id"), c.userId())).map(Reply::ok))
        .on(
            "getPoll",
            r -> r.caller().compose(c -> polls.get(r.pathLong("id"), c.userId())).map(Reply::ok))
        .on(
            "votePoll",
            r ->
                r.user()
                    .compose(c -> polls.vote(c, r.pathLong("id"), r.body().getInteger("option")))
                    .map(Reply::created))
        .on(
            "closePoll",
            r -> r.user().compose(c -> polls.close(c, r.pathLong("id"))).map(Reply::ok))
        .on(
            "askQuestion",
            r ->
                r.user()
                    .compose(c -> questions.ask(c, r.pathLong("id"), r.body()))
                    .map(Reply::created))
        .on(
            "listQuestions",
            r ->
                questions
                    .list(
                        r.pathLong("id"),
                        r.query("sort"),
                        r.query("status"),
                        (int) r.queryLong("limit", 50))
                    .map(Reply::ok))
        .on(
            "upvoteQuestion",
            r -> r.user().compose(c -> questions.upvote(c, r.pathLong("id"))).map(Reply::ok))
        .on(
            "answerQuestion",
            r -> r.user().compose(c -> questions.answer(c, r.pathLong("id"))).map(Reply::ok));
  }
}
