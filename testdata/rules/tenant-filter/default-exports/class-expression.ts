import { supabase } from './client';

class Base {
  protected log(message: string) {
    console.log(message);
  }
}

export default (class extends Base {
  async archive(id: string) {
    this.log(id);
    await supabase.from('calls').update({ archived: true }).eq('id', id); // expect: tenant-filter
  }
});
